/** The order kubectl shows an object's top-level fields in; any other comes after, alphabetically. */
const TOP = ['apiVersion', 'kind', 'metadata', 'type', 'spec', 'data', 'stringData', 'status']
const META = ['name', 'namespace']

/**
 * One order for both sides of a comparison: the stored manifest comes back from PostgreSQL's
 * jsonb with its keys reordered (by length), the live object in the server's order. Top-level
 * and metadata fields as kubectl shows them, everything below alphabetically; arrays keep theirs.
 */
export function orderForDisplay(object: Record<string, unknown>): Record<string, unknown> {
  return sortKeys(object, TOP, (key, value) => (key === 'metadata' ? sortKeys(value, META) : sortDeep(value))) as Record<string, unknown>
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep)
  return isPlain(value) ? sortKeys(value, []) : value
}

function sortKeys(value: unknown, first: string[], child: (key: string, v: unknown) => unknown = (_k, v) => sortDeep(v)): unknown {
  if (!isPlain(value)) return value
  const rank = (k: string) => (first.includes(k) ? first.indexOf(k) : first.length)
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(keys.map((k) => [k, child(k, value[k])]))
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
