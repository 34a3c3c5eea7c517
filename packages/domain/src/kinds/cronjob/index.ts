import { defineKind } from '../kind-definition.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderCronjob } from './render.ts';
import { cronjobDataSchema } from './schema.ts';

export const cronjobKind = defineKind({
  kind: 'cronjob',
  label: 'CronJob',
  description: 'A Job run on a schedule, such as a nightly backup.',
  category: 'workloads',
  k8s: { apiVersion: 'batch/v1', kind: 'CronJob' },
  nameSchema: dns1123Label(52),
  dataSchema: cronjobDataSchema,
  defaults: {
    namespace: 'default',
    resources: defaultResources(),
    image: 'busybox:1.36',
    command: ['sh', '-c', 'date'],
    env: [],
    ports: [],
    schedule: '0 3 * * *',
    concurrencyPolicy: 'Forbid',
    restartPolicy: 'OnFailure',
  },
  connectsTo: [],
  render: renderCronjob,
});
