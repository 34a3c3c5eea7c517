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
 *
 * Results are remembered by content (see `remembered`): a canvas saved again, or a version
 * rendered, mostly carries data seen before, and a schema parse costs far more than the key.
 */
export function parseNodeData(kind: NodeKind, data: Record<string, unknown>): ParsedNodeData {
  const input = stripKeys(kind, data, isDerivedKey);
  const key = contentKey(kind, input);
  const hit = key === undefined ? undefined : remembered.get(key);
  if (hit) return hit;
  const parsed = kindDefinition(kind).dataSchema.safeParse(input, { error: friendlyMessage });
  const result: ParsedNodeData = parsed.success ? { ok: true, data: deepFreeze(parsed.data) } : { ok: false, issues: parsed.error.issues };
  if (key !== undefined) {
    remember(key, result);
    // Parsing is idempotent: the normalized data (what gets stored) parses to itself. It comes
    // back from PostgreSQL's jsonb with keys in jsonb's order, so it is remembered in that order.
    if (result.ok) {
      const storedKey = `${kind}\n${jsonbOrderJson(result.data)}`;
      if (storedKey !== key && storedKey.length <= MAX_KEY_LENGTH) remember(storedKey, result);
    }
  }
  return result;
}

/**
 * Parse results by kind and data JSON, least recently stored first out. Results are deep-frozen:
 * they are shared by every caller that sends the same data, so none may change them.
 */
const remembered = new Map<string, ParsedNodeData>();
const MAX_REMEMBERED = 20_000;

function remember(key: string, result: ParsedNodeData): void {
  remembered.delete(key);
  remembered.set(key, result);
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
}

/** Large payloads are not remembered (the key would cost memory for little gain). */
const MAX_KEY_LENGTH = 16_384;

function contentKey(kind: NodeKind, data: Record<string, unknown>): string | undefined {
  let json: string;
  try {
    json = JSON.stringify(data, exactJson);
  } catch {
    return undefined; // not plain JSON: parse it every time
  }
  return json.length > MAX_KEY_LENGTH ? undefined : `${kind}\n${json}`;
}

const notExact = new Error('not exact JSON');

/**
 * JSON.stringify is lossy for undefined, NaN, ±Infinity and objects with toJSON (a Date): such
 * data would share a key with different data and get its result, so it is not remembered.
 */
function exactJson(this: Record<string, unknown>, key: string, value: unknown): unknown {
  if (value === undefined || (typeof value === 'number' && !Number.isFinite(value)) || this[key] !== value) throw notExact;
  return value;
}

/** JSON with object keys as jsonb keeps them: shorter keys first, then by code unit. */
function jsonbOrderJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : jsonbOrderJson(v))).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${jsonbOrderJson(record[k])}`).join(',')}}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
