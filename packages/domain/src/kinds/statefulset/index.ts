import { defineKind } from '../kind-definition.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderStatefulset } from './render.ts';
import { headlessServiceName, statefulsetDataSchema } from './schema.ts';

export const statefulsetKind = defineKind({
  kind: 'statefulset',
  label: 'StatefulSet',
  description: 'Pods with stable names and their own persistent volumes, for databases and queues.',
  category: 'workloads',
  k8s: { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  nameSchema: dns1123Label(52),
  dataSchema: statefulsetDataSchema,
  defaults: {
    namespace: 'default',
    resources: defaultResources(),
    image: 'redis:7',
    replicas: 1,
    ports: [{ containerPort: 6379, name: 'redis', protocol: 'TCP' }],
    env: [],
    volumeClaimTemplates: [{ name: 'data', storage: '10Gi', accessModes: ['ReadWriteOnce'], mountPath: '/data' }],
  },
  connectsTo: [],
  extraIdentities: (data) => [{ kind: 'Service', name: headlessServiceName(data) }],
  render: renderStatefulset,
});
