import { defineKind } from '../kind-definition.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderJob } from './render.ts';
import { jobDataSchema } from './schema.ts';

export const jobKind = defineKind({
  kind: 'job',
  label: 'Job',
  description: 'Pods that run to completion once, such as a migration.',
  category: 'workloads',
  k8s: { apiVersion: 'batch/v1', kind: 'Job' },
  nameSchema: dns1123Label(),
  dataSchema: jobDataSchema,
  defaults: {
    namespace: 'default',
    resources: defaultResources(),
    image: 'busybox:1.36',
    command: ['sh', '-c', 'echo done'],
    env: [],
    ports: [],
    backoffLimit: 6,
    restartPolicy: 'Never',
  },
  connectsTo: [],
  render: renderJob,
});
