import { isLinkedKey, stripKeys } from '../graph/derived-keys.ts';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import { kindDefinition } from '../kinds/registry.ts';
import { canConnect } from './can-connect.ts';

/**
 * Edges are the source of truth: strips every `_linked*` key and recomputes them from the
 * edges, so deleting an edge removes exactly what it set and renaming a node updates every
 * link. Idempotent. Edges that validation would refuse (unknown node, self-loop, pair not
 * allowed) set nothing; where only one target is allowed, the first edge in order wins.
 */
export function recomputeLinks(graph: WorkflowGraph): WorkflowGraph {
  // stripKeys copies each node's data and every item of its nestedLinkFields (ingress paths),
  // the only objects a `link` writes to (link lists start empty once the old ones are
  // stripped), so the input is never mutated without a deep clone of every node.
  const nodes = graph.nodes.map((node) => ({ ...node, data: stripKeys(node.type, node.data, isLinkedKey) }));
  const byId = new Map<string, WorkflowNode>();
  for (const node of nodes) if (!byId.has(node.id)) byId.set(node.id, node);

  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target || source === target || !canConnect(source.type, target.type).ok) continue;
    // What an edge sets is its source kind's rule (kinds/<kind>/index.ts, `link`).
    kindDefinition(source.type).link?.(source, target, edge);
  }
  for (const node of nodes) sortLinkLists(node.data);
  return { nodes, edges: graph.edges.map((edge) => ({ ...edge })) };
}

/** Link lists are ordered by name, then node id, so edge order never changes the result. */
function sortLinkLists(data: Record<string, unknown>): void {
  for (const key of Object.keys(data)) {
    const list = data[key];
    if (!isLinkedKey(key) || !Array.isArray(list)) continue;
    (list as { nodeId: string; name: string }[]).sort((a, b) => compare(a.name, b.name) || compare(a.nodeId, b.nodeId));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
