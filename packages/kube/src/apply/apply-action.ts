import type { ApplyAction, K8sObject } from '../types.ts'
import { projectOwned } from './owned-fields.ts'

type ManagedFieldsEntry = { manager?: unknown; operation?: unknown; subresource?: unknown; fieldsV1?: unknown }
type Meta = { resourceVersion?: unknown; managedFields?: ManagedFieldsEntry[] }

/**
 * What an apply by `fieldManager` did (or, given a dry-run answer, would do).
 * - `created`: the object did not exist before.
 * - `unchanged`: the server kept the resourceVersion (a no-op apply writes nothing), or every
 *   field the manager owns has the same value before and after and it owns the same set of fields.
 * - `configured`: anything else.
 * A changed resourceVersion alone is not proof of a change: controllers write status and
 * annotations between our read and our apply (a new Deployment's, several times in its first
 * second), and a dry-run never keeps the resourceVersion. Comparing only what we own ignores
 * them, while a value or an ownership we take over from someone else counts as configured.
 */
export function applyAction(before: K8sObject | undefined, after: K8sObject, fieldManager: string, { dryRun = false } = {}): ApplyAction {
  if (!before) return 'created'
  const rv = (o: K8sObject) => (o.metadata as Meta).resourceVersion
  if (!dryRun && rv(before) !== undefined && rv(before) === rv(after)) return 'unchanged'
  const owned = ownedFields(after, fieldManager)
  const sameOwnership = stableJson(ownedFields(before, fieldManager)) === stableJson(owned)
  const sameValues = stableJson(projectOwned(before, owned)) === stableJson(projectOwned(after, owned))
  return sameOwnership && sameValues ? 'unchanged' : 'configured'
}

/** The union of the field sets `manager` holds through Apply on the main resource. */
function ownedFields(object: K8sObject, manager: string): unknown {
  const entries = (object.metadata as Meta).managedFields ?? []
  const mine = entries.filter((e) => e.manager === manager && e.operation === 'Apply' && !e.subresource)
  return mine.length === 1 ? mine[0]!.fieldsV1 : mine.length === 0 ? {} : mine.map((e) => e.fieldsV1).reduce(mergeSets, {})
}

function mergeSets(a: unknown, b: unknown): unknown {
  if (typeof a !== 'object' || a === null) return b
  if (typeof b !== 'object' || b === null) return a
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) }
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = k in out ? mergeSets(out[k], v) : v
  return out
}

/** JSON with object keys sorted, so two equal objects print the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? 'undefined'
}
