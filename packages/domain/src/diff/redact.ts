import type { RawChange } from './deep-diff.ts';

/** What a diff shows instead of a secret value. */
export const SECRET_PLACEHOLDERS = { hidden: '(hidden)', changed: '(changed)', set: '(set)' } as const;

function hideValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideValues);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'value' && v !== undefined ? SECRET_PLACEHOLDERS.hidden : hideValues(v)]),
    );
  }
  return value;
}

/**
 * Secret entry values never appear in a diff. A changed value shows as "(hidden)" → "(changed)",
 * a new one as "(set)"; whole entries or entry lists keep their keys with values hidden.
 */
export function redactSecretChange(change: RawChange): RawChange {
  const [scope, field, , leaf] = change.path;
  if (scope !== 'data' || field !== 'entries') return change;
  if (leaf === 'value' && change.path.length === 4) {
    const hadValue = change.old !== undefined;
    const hasValue = change.new !== undefined;
    return {
      path: change.path,
      old: hadValue ? SECRET_PLACEHOLDERS.hidden : undefined,
      new: hasValue ? (hadValue ? SECRET_PLACEHOLDERS.changed : SECRET_PLACEHOLDERS.set) : undefined,
    };
  }
  return { path: change.path, old: hideValues(change.old), new: hideValues(change.new) };
}
