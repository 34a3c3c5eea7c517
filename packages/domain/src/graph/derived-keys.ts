import type { NodeKind } from '../kinds/node-kinds.ts';
import { LINKED_KEY_PREFIX } from '../links/link-types.ts';
import { kindDefinition } from '../kinds/registry.ts';
import { setOwn } from '../kinds/shared/set-own.ts';

/**
 * Keys starting with "_" in node data are never design: `_linked*` are computed from edges,
 * `_status`/`_health` are runtime state. Ingress paths carry their own `_linkedService`.
 */
export const isDerivedKey = (key: string): boolean => key.startsWith('_');
export const isLinkedKey = (key: string): boolean => key.startsWith(LINKED_KEY_PREFIX);

function withoutKeys(record: Record<string, unknown>, drop: (key: string) => boolean): Record<string, unknown> {
  // A plain loop: this runs for every node of every save, validation and diff.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) if (!drop(key)) setOwn(out, key, record[key]);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `data` without the keys `drop` selects, at the top level and inside the kind's nestedLinkFields (ingress paths). */
export function stripKeys(kind: NodeKind, data: Record<string, unknown>, drop: (key: string) => boolean): Record<string, unknown> {
  const out = withoutKeys(data, drop);
  for (const field of kindDefinition(kind).nestedLinkFields ?? []) {
    const items = out[field];
    if (Array.isArray(items)) out[field] = items.map((p: unknown) => (isRecord(p) ? withoutKeys(p, drop) : p));
  }
  return out;
}
