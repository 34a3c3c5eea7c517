import { isDerivedKey, stripKeys } from '../graph/derived-keys.ts';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import type { NodeKind } from '../kinds/node-kinds.ts';
import { deepDiff, type RawChange } from './deep-diff.ts';
import { compareFieldPaths, formatFieldPath } from './field-path.ts';
import { redactSecretChange } from './redact.ts';

export type FieldChange = { path: string; old: unknown; new: unknown };
export type NodeSummary = { id: string; type: NodeKind; name: string };
export type EdgeSummary = { id: string; source: string; target: string; sourceHandle?: string; targetHandle?: string };
export type ModifiedNode = NodeSummary & { changes: FieldChange[] };
export type ModifiedEdge = { id: string; changes: FieldChange[] };

export type GraphDiff = {
  nodes: { added: NodeSummary[]; removed: NodeSummary[]; modified: ModifiedNode[] };
  edges: { added: EdgeSummary[]; removed: EdgeSummary[]; modified: ModifiedEdge[] };
  summary: { added: number; removed: number; modified: number };
};

export type CompareGraphsOptions = { includePosition?: boolean };

/**
 * What changed from `a` to `b` (SPEC §6), matching nodes and edges by id. Only the design
 * counts: moves count only with includePosition, and runtime or derived data (`_status`,
 * `_health`, `_linked*`, which edges already show) and React Flow view state never do.
 * Everything is sorted (by id, then by field path), so equal inputs give equal output.
 * Secret entry values are replaced by placeholders.
 */
export function compareGraphs(a: WorkflowGraph, b: WorkflowGraph, opts: CompareGraphsOptions = {}): GraphDiff {
  const nodes = diffById(a.nodes, b.nodes, (before, after) => nodeChanges(before, after, opts.includePosition === true));
  const edges = diffById(a.edges, b.edges, edgeChanges);
  const diff: GraphDiff = {
    nodes: {
      added: nodes.added.map(nodeSummary),
      removed: nodes.removed.map(nodeSummary),
      modified: nodes.modified.map(({ after, changes }) => ({ ...nodeSummary(after), changes })),
    },
    edges: {
      added: edges.added.map(edgeSummary),
      removed: edges.removed.map(edgeSummary),
      modified: edges.modified.map(({ after, changes }) => ({ id: after.id, changes })),
    },
    summary: { added: 0, removed: 0, modified: 0 },
  };
  diff.summary = {
    added: diff.nodes.added.length + diff.edges.added.length,
    removed: diff.nodes.removed.length + diff.edges.removed.length,
    modified: diff.nodes.modified.length + diff.edges.modified.length,
  };
  return diff;
}

function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[], changesOf: (a: T, b: T) => FieldChange[]) {
  const first = (items: readonly T[]) => {
    const map = new Map<string, T>();
    for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
    return map;
  };
  const a = first(before);
  const b = first(after);
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  const added: T[] = [];
  const removed: T[] = [];
  const modified: { after: T; changes: FieldChange[] }[] = [];
  for (const id of ids) {
    const x = a.get(id);
    const y = b.get(id);
    if (!x && y) added.push(y);
    else if (x && !y) removed.push(x);
    else if (x && y) {
      const changes = changesOf(x, y);
      if (changes.length > 0) modified.push({ after: y, changes });
    }
  }
  return { added, removed, modified };
}

/** The part of a node that is design. */
function designOf(node: WorkflowNode, includePosition: boolean) {
  return {
    type: node.type,
    data: stripKeys(node.type, node.data, isDerivedKey),
    ...(includePosition ? { position: { x: node.position.x, y: node.position.y } } : {}),
  };
}

function nodeChanges(a: WorkflowNode, b: WorkflowNode, includePosition: boolean): FieldChange[] {
  let changes = deepDiff(designOf(a, includePosition), designOf(b, includePosition));
  if (a.type === 'secret' || b.type === 'secret') changes = changes.map(redactSecretChange);
  return toFieldChanges(changes);
}

function edgeChanges(a: WorkflowEdge, b: WorkflowEdge): FieldChange[] {
  const shape = (e: WorkflowEdge) => ({ source: e.source, target: e.target, sourceHandle: e.sourceHandle ?? null, targetHandle: e.targetHandle ?? null });
  return toFieldChanges(deepDiff(shape(a), shape(b)));
}

function toFieldChanges(changes: RawChange[]): FieldChange[] {
  return [...changes].sort((x, y) => compareFieldPaths(x.path, y.path)).map((c) => ({ path: formatFieldPath(c.path), old: c.old, new: c.new }));
}

function nodeSummary(node: WorkflowNode): NodeSummary {
  return { id: node.id, type: node.type, name: typeof node.data.name === 'string' ? node.data.name : '' };
}

function edgeSummary(edge: WorkflowEdge): EdgeSummary {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
    ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
  };
}
