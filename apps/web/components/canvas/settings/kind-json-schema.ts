import { kindRegistry, type NodeKind } from '@kubeorch/domain'
import { z } from 'zod'

/** The subset of JSON Schema that z.toJSONSchema produces for the kinds' data schemas. */
export type JsonSchema = {
  type?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  enum?: unknown[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  additionalProperties?: JsonSchema | boolean
  default?: unknown
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  description?: string
  /** A field kept for old data and scripts (a Deployment's `port`): not offered unless already set. */
  deprecated?: boolean
}

const cache = new Map<NodeKind, JsonSchema>()

/**
 * The form of a kind comes from the same zod schema the server validates with, seen as JSON
 * Schema on its input side (before defaults and transforms). Refinements (name grammars,
 * cross-field rules) do not show here; validateGraph reports them next to the field instead.
 */
export function kindJsonSchema(kind: NodeKind): JsonSchema {
  let schema = cache.get(kind)
  if (!schema) {
    schema = z.toJSONSchema(kindRegistry[kind].dataSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema
    cache.set(kind, schema)
  }
  return schema
}

/** A starting value for a new list item: its defaults, and `id`s filled in. */
export function initialValue(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default)
  if (schema.type === 'object' && schema.properties) {
    const out: Record<string, unknown> = {}
    for (const [key, prop] of Object.entries(schema.properties)) {
      if (key === 'id' && prop.type === 'string') out.id = crypto.randomUUID().slice(0, 8)
      else if (prop.default !== undefined) out[key] = structuredClone(prop.default)
      else if (schema.required?.includes(key) && prop.type === 'string' && !prop.enum) out[key] = ''
    }
    return out
  }
  if (schema.type === 'array') return []
  if (schema.type === 'string') return schema.enum ? schema.enum[0] : ''
  return undefined
}

/** `targetCPUUtilizationPercentage` → `Target CPU utilization percentage`. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_]+/)
  return words
    .map((w, i) => (/^[A-Z0-9]{2,}$/.test(w) ? w : i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w.toLowerCase()))
    .join(' ')
}

export type Path = (string | number)[]

/** An immutable update at `path`; `undefined` removes the key (or the list item stays, set to undefined). */
export function setIn(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? [...root] : []
    list[head] = setIn(list[head], rest, value)
    return list
  }
  const obj: Record<string, unknown> = root && typeof root === 'object' && !Array.isArray(root) ? { ...(root as Record<string, unknown>) } : {}
  const next = setIn(obj[head!], rest, value)
  if (next === undefined) delete obj[head!]
  else obj[head!] = next
  return obj
}

export function getIn(root: unknown, path: Path): unknown {
  let cur = root
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[key]
  }
  return cur
}

export const pathKey = (path: Path) => path.join('.')
