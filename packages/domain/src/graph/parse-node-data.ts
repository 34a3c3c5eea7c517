import type { z } from 'zod';
import { kindDefinition } from '../kinds/registry.ts';
import type { NodeKind } from '../kinds/node-kinds.ts';
import { isDerivedKey, stripKeys } from './derived-keys.ts';
import { friendlyMessage } from './zod-issues.ts';

export type ParsedNodeData = { ok: true; data: Record<string, unknown> } | { ok: false; issues: z.core.$ZodIssue[] };

/**
 * Validates a node's data against its kind's schema and applies defaults. Derived and runtime
 * keys (`_linked*`, `_status`, …) are dropped first: the server never trusts them. Any other
 * unknown key is an error, so a typo ("replica") is reported instead of silently lost.
 */
export function parseNodeData(kind: NodeKind, data: Record<string, unknown>): ParsedNodeData {
  const result = kindDefinition(kind).dataSchema.safeParse(stripKeys(kind, data, isDerivedKey), { error: friendlyMessage });
  return result.success ? { ok: true, data: result.data } : { ok: false, issues: result.error.issues };
}
