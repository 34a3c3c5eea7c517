import { mainObject } from '../health/node-health.ts';
import { isTerminating } from '../health/object-fields.ts';
import { WORKLOAD_KINDS } from '../kinds/node-kinds.ts';
import { nodeName } from '../links/node-fields.ts';
import { likelyTarget, newEdge } from './design-changes.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { withFix, type Finding } from './finding.ts';

export function detectNetworkPolicySelector({ node, graph, observed }: DiagnosticInput): Finding[] {
  const links = Array.isArray(node.data._linkedWorkloads) ? node.data._linkedWorkloads : [];
  if (links.length === 0) {
    // A policy "web-ingress" most likely guards "web"; with one workload in the namespace, that one.
    const meant = likelyTarget(graph, node, WORKLOAD_KINDS, { name: nodeName(node) });
    return [
      {
        id: `networkpolicy.selects-nothing:${node.id}`,
        type: 'networkpolicy.selects-nothing',
        severity: 'warning',
        message: 'Applies to no workload, so it is not deployed; connect it to the workloads it should guard',
        evidence: [],
        ...withFix(
          meant && {
            id: `connect-workload:${node.id}`,
            title: `Guard "${nodeName(meant)}"`,
            description: `Connects the policy to the ${meant.type} "${nodeName(meant)}", so it selects that workload's pods.`,
            patch: { op: 'connect', edges: [newEdge(graph, node.id, meant.id)] },
          },
        ),
      },
    ];
  }
  const policy = mainObject('networkpolicy', observed.main);
  if (!policy || observed.pods === undefined || observed.pods.some((pod) => !isTerminating(pod))) return [];
  return [
    {
      id: `networkpolicy.selects-nothing:${node.id}`,
      type: 'networkpolicy.selects-nothing',
      severity: 'warning',
      message: 'Its pod selector matches no running pod: the workloads it guards are not running',
      evidence: [{ kind: 'status', text: `podSelector: ${JSON.stringify(policy.spec && (policy.spec as Record<string, unknown>).podSelector)}; matching pods: 0` }],
    },
  ];
}
