import { deploymentHealth } from '../../health/health-deployment.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { REPLICA_SET } from '../shared/kube-types.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { containerPorts, lines, text } from '../shared/summary.ts';
import { WORKLOAD_DEPLOY_CHECKS, WORKLOAD_DETECTORS, WORKLOAD_OBSERVES } from '../shared/workload.ts';
import { renderDeployment } from './render.ts';
import { deploymentDataSchema } from './schema.ts';

export const DEPLOYMENT: AppliedType = { apiVersion: 'apps/v1', kind: 'Deployment', namespaced: true, applyRank: 70 };

/** `nginx:1.27`, `3 replicas · port 80`: shared with StatefulSet's card. */
export function replicatedSummary(d: Record<string, unknown>): string[] {
  const ports = containerPorts(d.ports);
  return lines(text(d.image), `${text(d.replicas)} replica${d.replicas === 1 ? '' : 's'}${ports ? ` · port ${ports}` : ''}`);
}

export const deploymentKind = defineKind({
  kind: 'deployment',
  label: 'Deployment',
  description: 'Stateless pods kept at a replica count, updated by rolling out new versions.',
  category: 'workloads',
  shortNames: ['deploy'],
  summary: replicatedSummary,
  nameSchema: dns1123Label(),
  dataSchema: deploymentDataSchema,
  seed: { resources: defaultResources(), image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] },
  connectsTo: [],
  targets: 'many',
  objects: [DEPLOYMENT],
  observes: [...WORKLOAD_OBSERVES, REPLICA_SET],
  render: renderDeployment,
  deployChecks: WORKLOAD_DEPLOY_CHECKS,
  health: deploymentHealth,
  detectors: WORKLOAD_DETECTORS,
});
