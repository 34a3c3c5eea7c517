import type { K8sObject } from '../kinds/kind-definition.ts';

// Readers for observed objects. They come from the cluster as plain JSON, so nothing here trusts
// a field to exist or to have the right type: a missing or malformed field reads as undefined.

export type Condition = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` inside `value`, or undefined if any step is missing. */
export function field(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number' ? !Array.isArray(current) : !isRecord(current)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

export function num(value: unknown, ...path: (string | number)[]): number | undefined {
  const found = field(value, ...path);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

export function str(value: unknown, ...path: (string | number)[]): string | undefined {
  const found = field(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

/** The records of the array at `path` (non-record items are skipped). */
export function records(value: unknown, ...path: (string | number)[]): Record<string, unknown>[] {
  const found = field(value, ...path);
  return Array.isArray(found) ? found.filter(isRecord) : [];
}

export function conditions(object: unknown): Condition[] {
  return records(object, 'status', 'conditions').flatMap((c) => {
    const type = str(c, 'type');
    const status = str(c, 'status');
    if (type === undefined || status === undefined) return [];
    return [{ type, status, reason: str(c, 'reason'), message: str(c, 'message'), lastTransitionTime: str(c, 'lastTransitionTime') }];
  });
}

export function condition(object: unknown, type: string): Condition | undefined {
  return conditions(object).find((c) => c.type === type);
}

export function objectName(object: unknown): string {
  return str(object, 'metadata', 'name') ?? '';
}

export function isTerminating(object: unknown): boolean {
  return str(object, 'metadata', 'deletionTimestamp') !== undefined;
}

/** Milliseconds since epoch of an RFC 3339 timestamp, or undefined. */
export function timeOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** True while `object` is younger than `ms` (a grace period); without a creation time the grace is over. */
export function createdWithin(object: unknown, now: Date, ms: number): boolean {
  return now.getTime() - (timeOf(str(object, 'metadata', 'creationTimestamp')) ?? 0) < ms;
}

/** Kubernetes messages can span lines; a health cause is one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "Reason: message", or whichever of the two exists. */
export function reasonMessage(reason: string | undefined, message: string | undefined, fallback: string): string {
  const parts = [reason, message && oneLine(message)].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? parts.join(': ') : fallback;
}

/** Objects of one Kubernetes kind. */
export function ofKind(objects: readonly K8sObject[] | undefined, kind: string): K8sObject[] {
  return (objects ?? []).filter((o) => o.kind === kind);
}
