import { detectNetworkPolicySelector } from '../../diagnostics/networkpolicy-selector.ts';
import { presentHealth } from '../../health/health-present.ts';
import type { PolicyWorkloadLink } from '../../links/link-types.ts';
import { nodeName } from '../../links/node-fields.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { WORKLOAD_KINDS } from '../node-kinds.ts';
import { podSelectorLabels } from '../shared/labels.ts';
import { pushLink } from '../shared/link-lists.ts';
import { dns1123Label } from '../shared/names.ts';
import { count, lines } from '../shared/summary.ts';
import { renderNetworkpolicy } from './render.ts';
import { networkpolicyDataSchema } from './schema.ts';

export const NETWORK_POLICY: AppliedType = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespaced: true, applyRank: 10 };

export const networkpolicyKind = defineKind({
  kind: 'networkpolicy',
  label: 'NetworkPolicy',
  description: 'Which traffic may reach (or leave) the pods of the workloads it connects to.',
  category: 'security',
  shortNames: ['netpol'],
  summary: (d) => lines(Array.isArray(d.policyTypes) ? d.policyTypes.join(' + ') : '', `${count(d.ingress)} in · ${count(d.egress)} out rules`),
  nameSchema: dns1123Label(),
  dataSchema: networkpolicyDataSchema,
  seed: { ingress: [{ from: [{ podSelector: { 'app.kubernetes.io/name': 'frontend' } }], ports: [{ port: 80, protocol: 'TCP' }] }] },
  connectsTo: WORKLOAD_KINDS,
  targets: 'many',
  link(source, target) {
    const name = nodeName(target);
    const entry: PolicyWorkloadLink = { nodeId: target.id, name, kind: target.type, podLabels: podSelectorLabels(target.id, name) };
    pushLink(source.data, '_linkedWorkloads', entry);
  },
  objects: [NETWORK_POLICY],
  observes: [],
  render: renderNetworkpolicy,
  deployChecks: [
    // An empty podSelector selects every pod in the namespace: never deploy that by accident.
    ({ node, index }) =>
      node.data._linkedWorkloads
        ? []
        : [
            {
              nodeId: node.id,
              path: ['nodes', index],
              message: `networkpolicy "${String(node.data.name)}" must be connected to at least one workload; unconnected it would apply to every pod in namespace "${String(node.data.namespace)}"`,
            },
          ],
  ],
  health: presentHealth,
  detectors: [detectNetworkPolicySelector],
});
