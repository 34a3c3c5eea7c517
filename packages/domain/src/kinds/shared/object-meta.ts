import type { RenderContext, RenderNode } from '../kind-definition.ts';
import { NAME_LABEL, ownershipLabels } from './labels.ts';
import { setOwn } from './set-own.ts';

type Named = { name: string; namespace: string };

/** metadata for an object rendered from `node`: its name, namespace and ownership labels. */
export function objectMeta(node: RenderNode<Named>, ctx: RenderContext, name = node.data.name) {
  return {
    name,
    namespace: node.data.namespace,
    labels: sortKeys({ [NAME_LABEL]: node.data.name, ...ownershipLabels(ctx.workflowId, node.id) }),
  };
}

/** A copy with keys in code-unit order (what `<` compares), as every rendered map is written. */
export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) setOwn(out, key, record[key]!);
  return out;
}

/** Drops keys whose value is undefined or an empty array, so rendered objects stay minimal. */
export function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as Partial<T>;
}
