import type { z } from 'zod';
import { kindDefinition } from '../kinds/registry.ts';
import type { NodeKind } from '../kinds/node-kinds.ts';
import { setBounded } from '../kinds/shared/bounded-map.ts';
import { isPlainRecord } from '../kinds/shared/plain-record.ts';
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
    // Parsing is idempotent: the normalized data (what gets stored, and read back for a run or a
    // version) parses to itself, so it is remembered under its own content too.
    if (result.ok) {
      const storedKey = contentKey(kind, result.data);
      if (storedKey !== undefined && storedKey !== key) remember(storedKey, result);
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

const remember = (key: string, result: ParsedNodeData) => setBounded(remembered, key, result, MAX_REMEMBERED);

/** Large payloads are not remembered (the key would cost memory for little gain). */
const MAX_KEY_LENGTH = 16_384;

function contentKey(kind: NodeKind, data: Record<string, unknown>): string | undefined {
  if (!isExactJson(data)) return undefined; // parse it every time
  const json = JSON.stringify(data);
  return json.length > MAX_KEY_LENGTH ? undefined : `${kind}\n${json}`;
}

const MAX_DEPTH = 64;

/**
 * True when JSON.stringify writes `value` without loss. It is lossy for undefined, NaN, ±Infinity, -0,
 * functions, and objects that are not plain (a Date, a boxed string, anything with toJSON): such
 * data would share a key with different data and get its result, so it is not remembered. Data
 * parsed from a request is always exact; this walk is far cheaper than a stringify replacer.
 */
export function isExactJson(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0); // JSON writes -0 as 0
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_DEPTH) return false; // also ends a cycle
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) if (!isExactJson(value[i], depth + 1)) return false; // a hole reads as undefined
        return true;
      }
      if (!isPlainRecord(value)) return false;
      const record = value;
      if (typeof record.toJSON === 'function') return false;
      for (const key of Object.keys(record)) if (!isExactJson(record[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
