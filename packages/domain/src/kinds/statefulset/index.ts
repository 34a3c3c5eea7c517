import { statefulsetHealth } from '../../health/health-statefulset.ts';
import { replicatedSummary } from '../deployment/index.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { SERVICE } from '../service/index.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { WORKLOAD_DEPLOY_CHECKS, WORKLOAD_DETECTORS, WORKLOAD_OBSERVES } from '../shared/workload.ts';
import { renderStatefulset } from './render.ts';
import { headlessServiceName, statefulsetDataSchema } from './schema.ts';

export const STATEFUL_SET: AppliedType = { apiVersion: 'apps/v1', kind: 'StatefulSet', namespaced: true, applyRank: 90 };

export const statefulsetKind = defineKind({
  kind: 'statefulset',
  label: 'StatefulSet',
  description: 'Pods with stable names and their own persistent volumes, for databases and queues.',
  category: 'workloads',
  shortNames: ['sts'],
  summary: replicatedSummary,
  nameSchema: dns1123Label(52),
  dataSchema: statefulsetDataSchema,
  seed: {
    resources: defaultResources(),
    image: 'redis:7',
    ports: [{ containerPort: 6379, name: 'redis', protocol: 'TCP' }],
    volumeClaimTemplates: [{ name: 'data', storage: '10Gi', accessModes: ['ReadWriteOnce'], mountPath: '/data' }],
  },
  connectsTo: [],
  targets: 'many',
  // The headless Service governs the pods' DNS names.
  objects: [STATEFUL_SET, SERVICE],
  observes: WORKLOAD_OBSERVES,
  extraIdentities: (data) => [{ kind: 'Service', name: headlessServiceName(data), field: data.serviceName === undefined ? 'name' : 'serviceName' }],
  render: renderStatefulset,
  deployChecks: WORKLOAD_DEPLOY_CHECKS,
  health: statefulsetHealth,
  detectors: WORKLOAD_DETECTORS,
});
