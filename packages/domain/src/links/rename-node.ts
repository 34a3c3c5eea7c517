import { ValidationError } from '../errors.ts';
import type { WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import { isWorkloadKind } from '../kinds/node-kinds.ts';
import { kindRegistry } from '../kinds/registry.ts';
import { nodeName, nodeNamespace } from './node-fields.ts';
import { recomputeLinks } from './recompute-links.ts';

/**
 * Renames a node and updates every field that refers to it: linked fields (recomputed from
 * edges) and, for a Secret, the by-name references that have no edge (an ingress's
 * tls[].secretName and a workload's imagePullSecrets in the same namespace).
 * Throws ValidationError if the node does not exist or the name is not valid for its kind.
 */
export function renameNode(graph: WorkflowGraph, nodeId: string, newName: string): WorkflowGraph {
  const index = graph.nodes.findIndex((n) => n.id === nodeId);
  const node = graph.nodes[index];
  if (!node) throw new ValidationError([{ nodeId, path: ['nodeId'], message: `no node has the id "${nodeId}"` }]);
  const parsed = kindRegistry[node.type].nameSchema.safeParse(newName);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'is not a valid name';
    throw new ValidationError([{ nodeId, path: ['nodes', index, 'data', 'name'], message }]);
  }

  const oldName = nodeName(node);
  const namespace = nodeNamespace(node);
  const nodes = graph.nodes.map((n) => {
    if (n.id === nodeId) return { ...n, data: { ...n.data, name: newName } };
    if (node.type !== 'secret' || nodeNamespace(n) !== namespace || oldName === '') return n;
    return renameSecretReferences(n, oldName, newName);
  });
  return recomputeLinks({ nodes, edges: graph.edges });
}

function renameSecretReferences(node: WorkflowNode, oldName: string, newName: string): WorkflowNode {
  const data = node.data;
  if (node.type === 'ingress' && Array.isArray(data.tls)) {
    const tls = data.tls.map((t: unknown) =>
      typeof t === 'object' && t !== null && 'secretName' in t && t.secretName === oldName ? { ...t, secretName: newName } : t,
    );
    return { ...node, data: { ...data, tls } };
  }
  if (isWorkloadKind(node.type) && Array.isArray(data.imagePullSecrets)) {
    const imagePullSecrets = data.imagePullSecrets.map((s: unknown) => (s === oldName ? newName : s));
    return { ...node, data: { ...data, imagePullSecrets } };
  }
  return node;
}
