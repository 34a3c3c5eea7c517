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
 * for JSON.parse to refuse. One pass that allocates nothing until it finds something (keys are
 * decoded only for the path it returns): it runs before every body is parsed.
 */
export function jsonTextTooDeep(text: string, max = MAX_JSON_DEPTH): Path | undefined {
  // Per open container, its position in its parent: an array index, or where its key starts.
  const at: number[] = []
  const inArray: boolean[] = []
  let depth = 0
  let position = -1 // in the innermost container: its index (array) or its current key's offset (object)
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22 /* " */) {
      const start = i
      i = stringEnd(text, i)
      if (expectKey) {
        position = start
        expectKey = false
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      at[depth] = position
      inArray[depth] = c === 0x5b
      if (++depth > max) return pathOf(text, at, inArray, depth)
      position = c === 0x5b ? 0 : -1
      expectKey = c === 0x7b
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth > 0) position = at[--depth]!
      expectKey = false
    } else if (c === 0x2c /* , */ && depth > 0) {
      if (inArray[depth - 1]) position++
      else expectKey = true
    }
  }
  return undefined
}

/** Index of the quote closing the string that opens at `open` (the text's end if none). */
function stringEnd(text: string, open: number): number {
  let i = open
  for (;;) {
    i = text.indexOf('"', i + 1)
    if (i < 0) return text.length
    let backslashes = 0
    while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++
    if (backslashes % 2 === 0) return i
  }
}

/** The path to the container opened at `depth`: each enclosing container's key or index. */
function pathOf(text: string, at: number[], inArray: boolean[], depth: number): Path {
  const path: Path = []
  for (let level = 1; level < depth; level++) {
    const p = at[level]!
    path.push(inArray[level - 1] ? p : p < 0 ? '' : decodeKey(text.slice(p, stringEnd(text, p) + 1)))
  }
  return path
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
