import { ValidationError } from '../errors.ts';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { isRecord } from '../health/object-fields.ts';
import type { NodePatch } from './finding.ts';

/** Keys that would reach Object.prototype, and derived keys the server recomputes from edges. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Applies a fix to a copy of the graph: each path is set in the node's data, creating missing
 * objects (before a string key) and arrays (before a number). An index may append (= length),
 * not leave holes. Linked and runtime keys (`_…`) are never patched. Validation of the result is
 * the save's job, as for any edit. Throws ValidationError for an unknown node or a bad path.
 */
export function applyNodePatch(graph: WorkflowGraph, patch: NodePatch): WorkflowGraph {
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
