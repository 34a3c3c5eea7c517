import { isPlainRecord } from '../kinds/shared/plain-record.ts';

/**
 * True exactly when JSON.stringify(a) === JSON.stringify(b) (both throwing counts as neither
 * answer: the error is thrown as JSON.stringify would). Rendered objects are plain JSON data and
 * are compared by walking them, without writing either out: two versions' objects are mostly equal
 * and writing 2,000 of them cost several milliseconds. Anything that is not plain (toJSON, a Date,
 * a boxed value) is compared by JSON.stringify itself.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  // At the top level JSON.stringify answers undefined for these (no text at all).
  if (isOmitted(a) || isOmitted(b)) return JSON.stringify(a) === JSON.stringify(b);
  return same(a, b);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isJsonRecord(a) && isJsonRecord(b)) {
    // Key order matters to JSON text; keys whose values JSON leaves out are skipped.
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    let i = 0;
    let j = 0;
    for (;;) {
      while (i < ka.length && isOmitted(a[ka[i]!])) i++;
      while (j < kb.length && isOmitted(b[kb[j]!])) j++;
      if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length;
      const key = ka[i]!;
      if (key !== kb[j] || !same(a[key], b[key])) return false;
      i++;
      j++;
    }
  }
  if (isPlainArray(a) && isPlainArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  // Scalars that differ (-0 and 0, NaN and null read the same), and whatever is not plain. In an
  // array, as items are: undefined and functions are written as null there.
  return JSON.stringify([a]) === JSON.stringify([b]);
}

const isOmitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** A plain object JSON writes key by key (one with a toJSON method is written as that returns). */
function isJsonRecord(value: unknown): value is Record<string, unknown> {
  return isPlainRecord(value) && typeof value.toJSON !== 'function';
}

function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
