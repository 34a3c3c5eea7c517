/**
 * The part of an object covered by a managedFields `fieldsV1` set, so that two versions can be
 * compared on what one manager owns and nothing else. Keys of the set (see the structured-merge-
 * diff "FieldsV1" format): `f:<name>` a field, `k:<json>` the list item whose merge keys equal
 * the JSON, `v:<json>` the set item equal to the JSON, `i:<n>` the list item at index n, and `.`
 * the node itself. A leaf (`{}`) owns the whole value at its path.
 */
export function projectOwned(value: unknown, fields: unknown): unknown {
  if (!isRecord(fields)) return value
  const children = Object.keys(fields).filter((k) => k !== '.')
  if (children.length === 0) return value
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (const key of children.sort()) {
      const item = findItem(value, key)
      out.push([key, item === undefined ? undefined : projectOwned(item, fields[key])])
    }
    return out
  }
  if (!isRecord(value)) return value
  const out: Record<string, unknown> = {}
  for (const key of children.sort()) {
    if (!key.startsWith('f:')) continue
    const name = key.slice(2)
    out[name] = name in value ? projectOwned(value[name], fields[key]) : undefined
  }
  return out
}

function findItem(list: unknown[], key: string): unknown {
  const kind = key.slice(0, 2)
  const rest = key.slice(2)
  if (kind === 'i:') return list[Number(rest)]
  let parsed: unknown
  try {
    parsed = JSON.parse(rest)
  } catch {
    return undefined
  }
  if (kind === 'v:') return list.find((item) => JSON.stringify(item) === JSON.stringify(parsed))
  if (kind === 'k:' && isRecord(parsed)) {
    return list.find((item) => isRecord(item) && Object.entries(parsed).every(([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v)))
  }
  return undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
