import type { NodeKind } from '../kinds/node-kinds.ts';
import { kindRegistry } from '../kinds/registry.ts';
import type { WorkflowGraph, WorkflowNode } from './workflow-graph.ts';

/**
 * A new node of `kind` with its palette defaults and a name not yet used by that kind in the
 * default namespace ("deployment-1", "deployment-2", …). The id comes from the caller
 * (crypto.randomUUID() on the canvas), keeping this function pure.
 */
export function createNodeOfKind(kind: NodeKind, options: { id: string; position: { x: number; y: number }; graph?: WorkflowGraph }): WorkflowNode {
  const defaults = structuredClone(kindRegistry[kind].defaults) as Record<string, unknown>;
  const namespace = typeof defaults.namespace === 'string' ? defaults.namespace : 'default';
  const taken = new Set(
    (options.graph?.nodes ?? [])
      .filter((n) => n.type === kind && (n.data.namespace ?? 'default') === namespace)
      .map((n) => n.data.name),
  );
  let index = 1;
  while (taken.has(`${kind}-${index}`)) index++;
  return { id: options.id, type: kind, position: { ...options.position }, data: { ...defaults, name: `${kind}-${index}` } };
}
