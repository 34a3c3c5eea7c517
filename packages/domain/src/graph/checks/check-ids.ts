import type { GraphIssue } from '../graph-issue.ts';
import type { GraphView } from './graph-view.ts';

/** Node ids and edge ids must each be unique. */
export function checkIds(view: GraphView): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const firstNode = new Map<string, number>();
  for (const { index, node } of view.nodes) {
    const first = firstNode.get(node.id);
    if (first === undefined) firstNode.set(node.id, index);
    else issues.push({ nodeId: node.id, path: ['nodes', index, 'id'], message: `duplicates the id of nodes[${first}]` });
  }
  const firstEdge = new Map<string, number>();
  for (const { index, edge } of view.edges) {
    const first = firstEdge.get(edge.id);
    if (first === undefined) firstEdge.set(edge.id, index);
    else issues.push({ edgeId: edge.id, path: ['edges', index, 'id'], message: `duplicates the id of edges[${first}]` });
  }
  return issues;
}
