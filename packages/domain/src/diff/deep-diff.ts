import type { PathSegment } from './field-path.ts';

export type RawChange = { path: PathSegment[]; old: unknown; new: unknown };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The leaf-level differences between two JSON-like values, in path order (object keys sorted,
 * array items by index). A missing key and an undefined value are the same. When the two
 * sides differ in shape (object vs array vs scalar), the whole value is one change.
 */
export function deepDiff(a: unknown, b: unknown): RawChange[] {
  // Most values compared (the nodes of two versions) are equal: answer those without building
  // paths and key lists.
  return deepEqual(a, b) ? [] : leafChanges(a, b);
}

/** True exactly when leafChanges(a, b) finds no change. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of Object.keys(a)) if (!deepEqual(a[key], b[key])) return false;
    for (const key of Object.keys(b)) if (!Object.hasOwn(a, key) && !deepEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** deepDiff without the equality shortcut. */
export function leafChanges(a: unknown, b: unknown, path: PathSegment[] = []): RawChange[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const changes: RawChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) changes.push(...leafChanges(a[i], b[i], [...path, i]));
    return changes;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => leafChanges(a[key], b[key], [...path, key]));
  }
  return [{ path, old: a, new: b }];
}
