import type { WorkflowNode } from '../graph/workflow-graph.ts';
import { str } from '../health/object-fields.ts';
import { UNSCHEDULABLE_GRACE_MS, unschedulableSince } from '../health/pod-problems.ts';
import type { K8sObject } from '../kinds/kind-definition.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { withFix, type Finding, type Fix } from './finding.ts';
import { formatCpu, formatMemory, quantityValue, resourceOf } from './node-data.ts';
import { compare, eventEvidence, podEvents, podList } from './pod-statuses.ts';

/** The scheduler's reasons, most actionable first; the first that appears names the finding. */
const REASONS: readonly { type: string; pattern: RegExp; hint: string }[] = [
  { type: 'unschedulable.insufficient-resources', pattern: /Insufficient (cpu|memory)/, hint: 'no node has enough free capacity for the requests' },
  { type: 'unschedulable.volume', pattern: /unbound immediate PersistentVolumeClaims|volume node affinity conflict/, hint: 'a volume it mounts cannot be bound or reached; look at the PVC' },
  { type: 'unschedulable.node-selector', pattern: /didn't match Pod's node affinity\/selector/, hint: 'no node matches its nodeSelector or affinity' },
  { type: 'unschedulable.taints', pattern: /untolerated taint|had taint/, hint: 'the nodes are tainted and it has no matching toleration' },
];

export function detectUnschedulable({ node, observed, now }: DiagnosticInput): Finding[] {
  const stuck = (observed.pods ?? [])
    .map((pod) => ({ pod, since: unschedulableSince(pod) }))
    .filter((p): p is { pod: K8sObject; since: NonNullable<typeof p.since> } => p.since !== undefined)
    .sort((a, b) => compare(a.pod.metadata.name, b.pod.metadata.name));
  const first = stuck[0];
  if (!first) return [];
  const message = first.since.message.replace(/^Unschedulable: /, '');
  const reason = REASONS.find((r) => r.pattern.test(message));
  const waitedMs = now.getTime() - Math.min(...stuck.map((s) => s.since.since));
  const scheduling = podEvents(observed, stuck.map((s) => s.pod)).filter((e) => e.reason === 'FailedScheduling');
  return [
    {
      id: `${reason?.type ?? 'unschedulable'}:${node.id}`,
      type: reason?.type ?? 'unschedulable',
      // Within the grace period the scheduler may still succeed (a node scaling up, a PVC binding).
      severity: waitedMs >= UNSCHEDULABLE_GRACE_MS ? 'error' : 'warning',
      message: `No node can run ${podList(stuck.map((s) => s.pod.metadata.name))}: ${reason?.hint ?? 'see the scheduler’s reason'} (${message})`,
      evidence: [{ kind: 'status', text: first.since.message }, ...eventEvidence(scheduling)],
      ...withFix(reason?.type === 'unschedulable.insufficient-resources' ? lowerRequests(node, message, observed.clusterNodes) : undefined),
    },
  ];
}

/**
 * When a request exceeds what even the largest node can allocate, no amount of waiting helps:
 * suggest half the largest node's allocatable, leaving room for daemon and system pods. Without
 * observed Nodes we cannot tell "too big" from "cluster full", so no fix.
 */
function lowerRequests(node: WorkflowNode, message: string, clusterNodes: K8sObject[] | undefined): Fix | undefined {
  if (!clusterNodes || clusterNodes.length === 0) return undefined;
  const set: { path: string[]; value: string }[] = [];
  const changes: string[] = [];
  for (const resource of ['cpu', 'memory'] as const) {
    if (!message.includes(`Insufficient ${resource}`)) continue;
    const request = resourceOf(node, 'requests', resource);
    const wanted = quantityValue(request);
    const largest = Math.max(...clusterNodes.map((n) => quantityValue(str(n, 'status', 'allocatable', resource)) ?? 0));
    if (wanted === undefined || largest <= 0 || wanted <= largest) continue;
    const value = resource === 'cpu' ? formatCpu(largest / 2) : formatMemory(largest / 2);
    set.push({ path: ['resources', 'requests', resource], value });
    changes.push(`${resource} ${request} → ${value}`);
  }
  if (set.length === 0) return undefined;
  return {
    id: `lower-requests:${node.id}`,
    title: `Lower the requests to fit a node (${changes.join(', ')})`,
    description: 'The requests exceed the allocatable capacity of every node in the cluster; this asks for half of the largest node.',
    patch: { op: 'set', nodeId: node.id, set },
  };
}
