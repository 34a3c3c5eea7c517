import { invalidField, ValidationError } from '../errors.ts'

/**
 * How deeply JSON a client sends may nest. Recursive code everywhere (zod, JSON.stringify, Prisma's
 * Json encoding, GraphQL's value coercion) overflows the stack somewhere past ~3,000 levels and
 * answers 500; no design, payload or variable needs more than a dozen. Checked on the raw text,
 * before anything is allocated for it.
 */
export const MAX_JSON_DEPTH = 64

export type Path = (string | number)[]

/** Segments of a path shown in a message: enough to find the place, short enough to read. */
const SHOWN = 6

/**
 * The path to the first object or array of `text` that opens deeper than `max` levels, or
 * undefined when none does. Only brackets outside strings count; what is not valid JSON is left
 * for JSON.parse to refuse. One pass, no allocation beyond the path of at most `max` + 1 entries.
 */
export function jsonTextTooDeep(text: string, max = MAX_JSON_DEPTH): Path | undefined {
  // One entry per open container: the key or index it sits under in its parent.
  const path: Path = []
  const isArray: boolean[] = []
  let key: string | number | undefined
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22 /* " */) {
      const start = i
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i)
        if (d === 0x5c /* \ */) i++
        else if (d === 0x22) break
      }
      if (expectKey) {
        key = decodeKey(text.slice(start, i + 1))
        expectKey = false
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      path.push(key ?? (path.length === 0 ? '' : 0))
      if (path.length > max) return path.slice(1)
      isArray.push(c === 0x5b)
      key = c === 0x5b ? 0 : undefined
      expectKey = c === 0x7b
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      isArray.pop()
      key = path.pop()
      expectKey = false
    } else if (c === 0x2c /* , */) {
      if (isArray[isArray.length - 1]) key = (typeof key === 'number' ? key : 0) + 1
      else expectKey = true
    }
  }
  return undefined
}

function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string
  } catch {
    return quoted.slice(1, -1)
  }
}

/** The path to the first object or array nested deeper than `max` levels in a parsed value. */
export function valueTooDeep(value: unknown, max = MAX_JSON_DEPTH, path: Path = []): Path | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  if (path.length >= max) return path
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      if (typeof v === 'object' && v !== null) {
        const found = valueTooDeep(v, max, [...path, i])
        if (found) return found
      }
    }
    return undefined
  }
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue
    const v: unknown = (value as Record<string, unknown>)[k]
    if (typeof v === 'object' && v !== null) {
      const found = valueTooDeep(v, max, [...path, k])
      if (found) return found
    }
  }
  return undefined
}

/**
 * The ValidationError for a value nested too deeply: the field is where it happened (its first
 * segments, enough to find it), under `prefix` (e.g. ["body"]), the message gives the limit.
 */
export function tooDeepError(prefix: Path, path: Path, max = MAX_JSON_DEPTH): ValidationError {
  const field = [...prefix, ...path.slice(0, SHOWN)]
  return invalidField(field.length ? field : ['body'], tooDeepMessage(max))
}

export const tooDeepMessage = (max = MAX_JSON_DEPTH) => `nests deeper than ${max} levels; at most ${max} levels of JSON are accepted`

/**
 * JSON text a client sent, parsed once its nesting is known to be bounded. Refusals are
 * ValidationErrors: too deep names where (under `prefix`) and the limit; not JSON names `prefix`.
 */
export function parseBoundedJson(text: string, prefix: Path = [], notJson = 'is not valid JSON'): unknown {
  const deep = jsonTextTooDeep(text)
  if (deep) throw tooDeepError(prefix, deep)
  try {
    return JSON.parse(text)
  } catch {
    throw invalidField(prefix.length ? prefix : ['body'], notJson)
  }
}
