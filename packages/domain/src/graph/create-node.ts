import type { NodeKind } from '../kinds/node-kinds.ts';
import { kindDefinition } from '../kinds/registry.ts';
import type { WorkflowGraph, WorkflowNode } from './workflow-graph.ts';

/**
 * The data of a new node of `kind` named `name`: the kind's seed, normalized by its schema (so
 * every default is filled in, exactly as a save would store it).
 */
export function newNodeData(kind: NodeKind, name: string): Record<string, unknown> {
  const definition = kindDefinition(kind);
  return definition.dataSchema.parse({ ...structuredClone(definition.seed), name });
}

/**
 * A new node of `kind` with its seed data and a name not yet used by that kind in its namespace
 * ("deployment-1", "deployment-2", …). The id comes from the caller (crypto.randomUUID() on the
 * canvas), keeping this function pure.
 */
export function createNodeOfKind(kind: NodeKind, options: { id: string; position: { x: number; y: number }; graph?: WorkflowGraph }): WorkflowNode {
  const data = newNodeData(kind, `${kind}-1`);
  const namespace = data.namespace ?? 'default';
  const taken = new Set(
    (options.graph?.nodes ?? [])
      .filter((n) => n.type === kind && (n.data.namespace ?? 'default') === namespace)
      .map((n) => n.data.name),
  );
  let index = 1;
  while (taken.has(`${kind}-${index}`)) index++;
  return { id: options.id, type: kind, position: { ...options.position }, data: { ...data, name: `${kind}-${index}` } };
}
