import type { ApplyAction, K8sObject } from '../types.ts'

type Meta = { resourceVersion?: unknown; [key: string]: unknown }

/**
 * What a real apply did: `created` when the object did not exist before, `unchanged` when the
 * server kept its resourceVersion (a no-op apply writes nothing), else `configured`.
 */
export function applyAction(before: K8sObject | undefined, after: K8sObject): ApplyAction {
  if (!before) return 'created'
  const rv = (o: K8sObject) => (o.metadata as Meta).resourceVersion
  return rv(before) !== undefined && rv(before) === rv(after) ? 'unchanged' : 'configured'
}

/**
 * What an apply would do, from a dry-run answer: nothing is written, so the resourceVersion says
 * nothing; compare the would-be object with the current one instead, ignoring the bookkeeping
 * a write would change (resourceVersion, generation, managedFields timestamps).
 */
export function dryRunAction(before: K8sObject | undefined, after: K8sObject): ApplyAction {
  if (!before) return 'created'
  return stableJson(withoutBookkeeping(before)) === stableJson(withoutBookkeeping(after)) ? 'unchanged' : 'configured'
}

function withoutBookkeeping(object: K8sObject): unknown {
  const { resourceVersion: _rv, generation: _gen, managedFields: _mf, ...metadata } = object.metadata as Meta
  return { ...object, metadata }
}

/** JSON with object keys sorted, so two equal objects print the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )
}
