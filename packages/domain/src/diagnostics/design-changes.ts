import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import type { NodeKind } from '../kinds/node-kinds.ts';
import { canConnect } from '../links/can-connect.ts';
import { nodeName, nodeNamespace } from '../links/node-fields.ts';
import { declaredPorts } from './node-data.ts';
import { compare } from './pod-statuses.ts';

// Building blocks of fixes that change the design's shape (a node or an edge added). Ids are
// derived from what the fix connects, so the same problem offers the same patch every time.

/** An id not used in the graph: `base`, else `base-2`, `base-3`… */
export function freeId(taken: Iterable<string>, base: string): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** An edge from `source` to `target` with a fresh id (and the handle of an ingress path). */
export function newEdge(graph: WorkflowGraph, source: string, target: string, sourceHandle?: string): WorkflowEdge {
  const id = freeId(graph.edges.map((e) => e.id), `fix-${source}-${target}${sourceHandle ? `-${sourceHandle}` : ''}`);
  return { id, source, target, ...(sourceHandle === undefined ? {} : { sourceHandle }) };
}

/** Where an added node goes on the canvas: to the left of the node it serves. */
export function besideOf(node: WorkflowNode, dy = 0): WorkflowNode['position'] {
  return { x: node.position.x - 260, y: node.position.y + dy };
}

export type TargetHints = { name: string; ports?: readonly (number | string)[] };

/**
 * The node of `kinds` in `from`'s namespace that `from` was most likely meant for, if exactly one
 * stands out, tried in this order: the same name; a name one starts with the other's
 * (`web` ↔ `web-api`); a declared container port that matches `hints.ports`; the only candidate.
 * Ties at the first level that matches give no answer: only a person can choose then.
 */
export function likelyTarget(graph: WorkflowGraph, from: WorkflowNode, kinds: readonly NodeKind[], hints: TargetHints, exclude: (n: WorkflowNode) => boolean = () => false): WorkflowNode | undefined {
  const candidates = graph.nodes
    .filter((n) => kinds.includes(n.type) && n.id !== from.id && nodeNamespace(n) === nodeNamespace(from) && canConnect(from.type, n.type).ok && !exclude(n))
    .sort((a, b) => compare(nodeName(a), nodeName(b)) || compare(a.id, b.id));
  const name = hints.name;
  const levels: ((n: WorkflowNode) => boolean)[] = [
    (n) => nodeName(n) === name,
    (n) => name !== '' && nodeName(n) !== '' && (nodeName(n).startsWith(`${name}-`) || name.startsWith(`${nodeName(n)}-`)),
    (n) => {
      const declared = declaredPorts(n);
      return (hints.ports ?? []).some((p) => (typeof p === 'number' ? declared.numbers.includes(p) : declared.names.includes(p)));
    },
    () => candidates.length === 1,
  ];
  for (const matches of levels) {
    const found = candidates.filter(matches);
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return undefined;
}
