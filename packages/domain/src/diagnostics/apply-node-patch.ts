import { ValidationError } from '../errors.ts';
import type { WorkflowEdge, WorkflowGraph } from '../graph/workflow-graph.ts';
import { isRecord } from '../health/object-fields.ts';
import type { DesignPatch, NodePatch } from './finding.ts';

/** Keys that would reach Object.prototype, and derived keys the server recomputes from edges. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Applies a fix to a copy of the graph. `set`: each path is set in the node's data, creating
 * missing objects (before a string key) and arrays (before a number); an index may append
 * (= length), not leave holes; linked and runtime keys (`_…`) are never patched. `add-node` adds
 * a node with a new id and its edges; `connect` adds edges. Whether the result is a valid design
 * (edge rules, names, cardinalities) is the save's job, as for any edit. Throws ValidationError
 * for an unknown node, a bad path, a taken id or an edge to a node that does not exist.
 */
export function applyNodePatch(graph: WorkflowGraph, patch: DesignPatch): WorkflowGraph {
  if (patch.op === 'set') return setInNode(graph, patch);
  const nodes = patch.op === 'add-node' ? [...graph.nodes, structuredClone(patch.node)] : graph.nodes;
  if (patch.op === 'add-node' && graph.nodes.some((n) => n.id === patch.node.id)) {
    throw new ValidationError([{ nodeId: patch.node.id, path: ['node', 'id'], message: `a node already has the id "${patch.node.id}"` }]);
  }
  return { nodes, edges: [...graph.edges, ...checkedEdges(nodes, graph.edges, patch.edges)] };
}

function checkedEdges(nodes: WorkflowGraph['nodes'], existing: readonly WorkflowEdge[], added: readonly WorkflowEdge[]): WorkflowEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  const edgeIds = new Set(existing.map((e) => e.id));
  return added.map((edge, i) => {
    const missing = [edge.source, edge.target].find((id) => !ids.has(id));
    if (missing !== undefined) throw new ValidationError([{ path: ['edges', i], message: `no node has the id "${missing}"` }]);
    if (edgeIds.has(edge.id)) throw new ValidationError([{ path: ['edges', i, 'id'], message: `an edge already has the id "${edge.id}"` }]);
    edgeIds.add(edge.id);
    return { ...edge };
  });
}

function setInNode(graph: WorkflowGraph, patch: NodePatch): WorkflowGraph {
  const index = graph.nodes.findIndex((n) => n.id === patch.nodeId);
  const node = graph.nodes[index];
  if (!node) throw new ValidationError([{ nodeId: patch.nodeId, path: ['nodeId'], message: `no node has the id "${patch.nodeId}"` }]);
  const data = structuredClone(node.data);
  patch.set.forEach(({ path, value }, i) => {
    const problem = setPath(data, path, structuredClone(value));
    if (problem) throw new ValidationError([{ nodeId: node.id, path: ['set', i, 'path'], message: problem }]);
  });
  const nodes = graph.nodes.map((n, i) => (i === index ? { ...n, data } : n));
  return { nodes, edges: graph.edges };
}

function setPath(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): string | undefined {
  if (path.length === 0) return 'must not be empty';
  const [head] = path;
  if (typeof head !== 'string' || head.startsWith('_')) return 'must start with a field of the node data (not a linked "_" field)';
  let parent: unknown = root;
  for (const [depth, segment] of path.entries()) {
    const last = depth === path.length - 1;
    const next = path[depth + 1];
    const fresh = () => (typeof next === 'number' ? [] : {});
    if (typeof segment === 'number') {
      if (!Array.isArray(parent)) return `step ${depth} is an index, but the value there is not a list`;
      if (!Number.isInteger(segment) || segment < 0 || segment > parent.length) return `index ${segment} is outside the list (length ${parent.length})`;
      if (last) parent[segment] = value;
      else if (!isContainer(parent[segment])) {
        if (parent[segment] !== undefined) return `item ${segment} holds a value, not an object or list`;
        parent[segment] = fresh();
      }
      parent = parent[segment];
    } else {
      if (!isRecord(parent)) return `step ${depth} is a key, but the value there is not an object`;
      if (FORBIDDEN.has(segment)) return `"${segment}" is not allowed in a path`;
      if (last) parent[segment] = value;
      else if (!isContainer(parent[segment])) {
        if (parent[segment] !== undefined) return `"${segment}" holds a value, not an object or list`;
        parent[segment] = fresh();
      }
      parent = parent[segment];
    }
  }
  return undefined;
}

function isContainer(value: unknown): boolean {
  return isRecord(value) || Array.isArray(value);
}
