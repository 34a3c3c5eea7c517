// Readers for card summaries: the data may be mid-edit, so nothing here assumes a valid node.

export const text = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/** Items of a list, or keys of a map. */
export const count = (v: unknown): number => (Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0);

/** `3 keys`, `1 key`. */
export const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `80, 443` from a container port list. */
export function containerPorts(v: unknown): string {
  if (!Array.isArray(v)) return '';
  return v
    .map((p) => (p && typeof p === 'object' ? text((p as Record<string, unknown>).containerPort) : undefined))
    .filter(Boolean)
    .join(', ');
}

/** Lines without the empty ones, so a summary can list conditional lines inline. */
export function lines(...items: (string | undefined | false)[]): string[] {
  return items.filter((l): l is string => typeof l === 'string' && l.length > 0);
}
