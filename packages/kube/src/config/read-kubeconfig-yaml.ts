import { isMap, isScalar, parseDocument, visit, type Document } from 'yaml'
import { KubeconfigError } from './kubeconfig-error.ts'

// Bounds that hold the YAML parser's work to a fraction of a second whatever is uploaded: its
// time grows with the number of nodes (~1 s for 500 KiB of tiny ones), its stack with nesting
// (half a million `[` exhaust the heap), and its own repeated-key check is quadratic (40,000 keys
// in one mapping: 20 s). Real kubeconfigs are a few KiB: long base64 lines, a handful of levels.
export const MAX_KUBECONFIG_BYTES = 512 * 1024
const MAX_LINES = 5_000
const MAX_FLOW_ITEMS = 5_000
const MAX_FLOW_DEPTH = 64
const MAX_INDENT = 256
const MAX_COMPACT_INDICATORS = 16

/**
 * Reads kubeconfig text as YAML 1.2 (core schema) into plain data, every mapping a `Map`, so no key
 * can reach an object's prototype. Refused: more than one document, a key repeated in a mapping
 * (which one would a client use?), keys that are not scalars, aliases (`*name`: an alias bomb
 * expands exponentially, and no real kubeconfig has one), tags outside the core schema, and text
 * beyond the bounds above. Error messages give the line only: a parser's own message quotes the
 * source, which may be a credential.
 */
export function readKubeconfigYaml(text: string): unknown {
  checkBounds(text)
  let doc: Document.Parsed
  // logLevel 'error': with 'silent', yaml leaves out some errors (a second document) as well.
  try {
    doc = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: false, merge: false, strict: true, logLevel: 'error' })
  } catch {
    throw new KubeconfigError('is not valid YAML (it could not be parsed)')
  }
  const problem = doc.errors[0] ?? doc.warnings[0]
  if (problem) {
    const line = problem.linePos?.[0]?.line
    const where = line ? ` (line ${line})` : ''
    if (problem.code === 'MULTIPLE_DOCS') throw new KubeconfigError('holds more than one YAML document; upload one kubeconfig')
    if (doc.errors.length === 0) throw new KubeconfigError(`uses a YAML tag KubeOrch does not accept${where}`)
    throw new KubeconfigError(`is not valid YAML${where}`)
  }
  checkKeys(doc, text)
  try {
    return doc.toJS({ mapAsMap: true, maxAliasCount: 0 })
  } catch (err) {
    if (err instanceof ReferenceError) throw new KubeconfigError('uses a YAML alias (*name); write each value out instead')
    throw new KubeconfigError('is not valid YAML (it could not be read)')
  }
}

function checkBounds(text: string): void {
  if (Buffer.byteLength(text, 'utf8') > MAX_KUBECONFIG_BYTES) throw new KubeconfigError(`is larger than ${MAX_KUBECONFIG_BYTES / 1024} KiB`)
  // Brackets are counted wherever they are, quoted or not: no real kubeconfig comes near the bounds.
  let lines = 1
  let flowItems = 0
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) lines++
    else if (c === 44) flowItems++
    else if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) throw new KubeconfigError(`nests [ ] or { } more than ${MAX_FLOW_DEPTH} levels deep`)
    } else if ((c === 93 || c === 125) && depth > 0) depth--
  }
  if (lines > MAX_LINES) throw new KubeconfigError(`has more than ${MAX_LINES} lines`)
  if (flowItems > MAX_FLOW_ITEMS) throw new KubeconfigError(`has more than ${MAX_FLOW_ITEMS} commas`)
  const lead = /^( *)((?:[-?:][ \t]+)*)/gm
  for (let m = lead.exec(text); m; m = lead.exec(text)) {
    if (m[1]!.length > MAX_INDENT) throw new KubeconfigError(`is indented more than ${MAX_INDENT} spaces (line ${lineOf(text, m.index)})`)
    if (m[2] && m[2].replace(/[ \t]/g, '').length > MAX_COMPACT_INDICATORS) throw new KubeconfigError(`nests too deeply (line ${lineOf(text, m.index)})`)
    if (m[0].length === 0) lead.lastIndex++
  }
}

/** Every mapping's keys are scalars and distinct as text (`1` and `"1"` are one key to kubectl). Linear. */
function checkKeys(doc: Document.Parsed, text: string): void {
  let problem: { message: string; offset?: number } | undefined
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return
      const seen = new Set<string>()
      for (const pair of map.items) {
        const key = pair.key
        if (key !== null && !isScalar(key)) {
          problem = { message: 'uses a list, a mapping or an alias as a key', offset: (key as { range?: [number] }).range?.[0] }
          return visit.BREAK
        }
        const name = key === null ? '' : String(key.value ?? '')
        if (seen.has(name)) {
          problem = { message: 'repeats a key in one mapping; each key may appear once', offset: key?.range?.[0] }
          return visit.BREAK
        }
        seen.add(name)
      }
      return undefined
    },
  })
  if (problem) {
    const [what, advice = ''] = problem.message.split(';')
    throw new KubeconfigError(`${what}${problem.offset === undefined ? '' : ` (line ${lineOf(text, problem.offset)})`}${advice && `;${advice}`}`)
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}
