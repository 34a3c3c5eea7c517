import { edgeRules } from '../../links/edge-rules.ts';
import type { GraphIssue } from '../graph-issue.ts';
import { ruleNode, type GraphView } from './graph-view.ts';

/** Every edge against the edge rules (links/edge-rules.ts), in order: an issue per refusal. */
export function checkEdges(view: GraphView): GraphIssue[] {
  const rules = edgeRules([...view.byId.values()].map(ruleNode), { refer: (index) => `edges[${index}]` });
  return view.edges.flatMap(({ index, edge }) => {
    const verdict = rules.add(edge, index);
    if (verdict.ok) return [];
    return verdict.refusals.map(({ field, message }) => ({ edgeId: edge.id, path: field ? ['edges', index, field] : ['edges', index], message }));
  });
}
