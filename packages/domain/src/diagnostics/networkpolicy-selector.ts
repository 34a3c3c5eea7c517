import { mainObject } from '../health/node-health.ts';
import { isTerminating } from '../health/object-fields.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import type { Finding } from './finding.ts';

export function detectNetworkPolicySelector({ node, observed }: DiagnosticInput): Finding[] {
  const links = Array.isArray(node.data._linkedWorkloads) ? node.data._linkedWorkloads : [];
  if (links.length === 0) {
    return [
      {
        id: `networkpolicy.selects-nothing:${node.id}`,
        type: 'networkpolicy.selects-nothing',
        severity: 'warning',
        message: 'Applies to no workload, so it is not deployed; connect it to the workloads it should guard',
        evidence: [],
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
