import type { WorkflowNode } from '../graph/workflow-graph.ts';
import { num, str } from '../health/object-fields.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { withFix, type Finding, type Fix } from './finding.ts';
import { doubleMemory, formatMemory, quantityValue, resourceOf } from './node-data.ts';
import { byContainer, containerStatuses, podList } from './pod-statuses.ts';

/** The limit suggested when the design sets none. */
export const DEFAULT_MEMORY_LIMIT = '256Mi';

export function detectOomKilled({ node, observed }: DiagnosticInput): Finding[] {
  const killed = containerStatuses(observed.pods).filter(
    (s) => str(s.status, 'state', 'terminated', 'reason') === 'OOMKilled' || str(s.status, 'lastState', 'terminated', 'reason') === 'OOMKilled',
  );
  const limit = resourceOf(node, 'limits', 'memory');
  const findings: Finding[] = [];
  for (const [container, statuses] of byContainer(killed)) {
    const fix = raiseLimit(node, container);
    findings.push({
      id: `oom-killed:${container}`,
      type: 'oom-killed',
      severity: 'error',
      message: limit
        ? `Container "${container}" was killed for using more than its memory limit (${limit}) (${podList(statuses.map((s) => s.podName))})`
        : `Container "${container}" was killed for lack of memory; it has no memory limit, so its node ran out (${podList(statuses.map((s) => s.podName))})`,
      evidence: statuses.slice(0, 3).map((s) => ({
        kind: 'status',
        text: `pod ${s.podName}: OOMKilled (exit code ${num(s.status, 'lastState', 'terminated', 'exitCode') ?? num(s.status, 'state', 'terminated', 'exitCode') ?? 137}), ${num(s.status, 'restartCount') ?? 0} restarts`,
      })),
      ...withFix(fix),
    });
  }
  return findings;
}

/** Twice the current limit; with none, 256Mi, or twice the request if that is larger (limits ≥ requests). */
function raiseLimit(node: WorkflowNode, container: string): Fix | undefined {
  const current = resourceOf(node, 'limits', 'memory');
  const request = quantityValue(resourceOf(node, 'requests', 'memory'));
  let value = current === undefined ? DEFAULT_MEMORY_LIMIT : doubleMemory(current);
  if (current === undefined && request !== undefined && request * 2 > (quantityValue(DEFAULT_MEMORY_LIMIT) ?? 0)) value = formatMemory(request * 2);
  if (value === undefined) return undefined;
  return {
    id: `raise-memory-limit:${container}`,
    title: current ? `Raise the memory limit from ${current} to ${value}` : `Set a memory limit of ${value}`,
    description: 'Sets resources.limits.memory; if the usage keeps growing, look for a leak instead of raising it again.',
    patch: { op: 'set', nodeId: node.id, set: [{ path: ['resources', 'limits', 'memory'], value }] },
  };
}
