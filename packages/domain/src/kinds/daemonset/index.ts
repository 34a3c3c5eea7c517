import { daemonsetHealth } from '../../health/health-daemonset.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { containerPorts, lines, text } from '../shared/summary.ts';
import { WORKLOAD_DEPLOY_CHECKS, WORKLOAD_DETECTORS, WORKLOAD_OBSERVES } from '../shared/workload.ts';
import { renderDaemonset } from './render.ts';
import { daemonsetDataSchema } from './schema.ts';

export const DAEMON_SET: AppliedType = { apiVersion: 'apps/v1', kind: 'DaemonSet', namespaced: true, applyRank: 60 };

export const daemonsetKind = defineKind({
  kind: 'daemonset',
  label: 'DaemonSet',
  description: 'One pod on every (selected) node, for agents such as log shippers.',
  category: 'workloads',
  shortNames: ['ds'],
  summary: (d) => lines(text(d.image), containerPorts(d.ports) && `port ${containerPorts(d.ports)}`),
  nameSchema: dns1123Label(),
  dataSchema: daemonsetDataSchema,
  seed: { resources: defaultResources(), image: 'fluent/fluent-bit:3.2' },
  connectsTo: [],
  targets: 'many',
  objects: [DAEMON_SET],
  observes: WORKLOAD_OBSERVES,
  render: renderDaemonset,
  deployChecks: WORKLOAD_DEPLOY_CHECKS,
  health: daemonsetHealth,
  detectors: WORKLOAD_DETECTORS,
});
