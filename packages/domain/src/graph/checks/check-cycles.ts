import type { GraphIssue } from '../graph-issue.ts';
import type { GraphView } from './graph-view.ts';

/**
 * No directed cycles. The allowed kind pairs cannot form one, but the check does not rely on
 * that table staying so. Each cycle is reported once, on the edge that closes it.
 */
export function checkCycles(view: GraphView): GraphIssue[] {
  const outgoing = new Map<string, { target: string; index: number; id: string }[]>();
  for (const { index, edge } of view.edges) {
    if (edge.source === edge.target || !view.byId.has(edge.source) || !view.byId.has(edge.target)) continue;
    const list = outgoing.get(edge.source) ?? [];
    list.push({ target: edge.target, index, id: edge.id });
    outgoing.set(edge.source, list);
  }

  const issues: GraphIssue[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];

  const visit = (nodeId: string): void => {
    state.set(nodeId, 'open');
    stack.push(nodeId);
    for (const next of outgoing.get(nodeId) ?? []) {
      const seen = state.get(next.target);
      if (seen === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next.target)), next.target];
        issues.push({ edgeId: next.id, path: ['edges', next.index], message: `closes a cycle: ${cycle.join(' → ')}` });
      } else if (seen === undefined) {
        visit(next.target);
      }
    }
    stack.pop();
    state.set(nodeId, 'done');
  };

  for (const { node } of view.nodes) if (!state.has(node.id)) visit(node.id);
  return issues;
}
