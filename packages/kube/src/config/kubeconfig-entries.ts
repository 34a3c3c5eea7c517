import { KubeconfigError } from './kubeconfig-error.ts'
import { readKubeconfigYaml } from './read-kubeconfig-yaml.ts'

export type EntryKind = 'cluster' | 'user' | 'context'
const LIST: Record<EntryKind, 'clusters' | 'users' | 'contexts'> = { cluster: 'clusters', user: 'users', context: 'contexts' }

/** One named entry of `clusters`, `users` or `contexts`; `body` is its `cluster`/`user`/`context` value, unchecked. */
export type KubeconfigEntry = { kind: EntryKind; index: number; name: string; body: unknown }

/** The named entries of a kubeconfig, checked for shape and ambiguity only. */
export type KubeconfigEntries = {
  clusters: Map<string, KubeconfigEntry>
  users: Map<string, KubeconfigEntry>
  contexts: Map<string, KubeconfigEntry>
  currentContext: string | undefined
}

const MAX_NAME_LENGTH = 253
const NAME = /^[^\x00-\x1f\x7f]+$/

/**
 * Reads kubeconfig text down to its named entries. Refused, because a client would have to guess:
 * an entry without a name or with a name another entry of its list has, and lists or entries of
 * the wrong shape. What the entries hold is not looked at here (see checkKubeconfig).
 */
export function readKubeconfigEntries(text: string): KubeconfigEntries {
  const doc = readKubeconfigYaml(text)
  if (!(doc instanceof Map)) throw new KubeconfigError('must be a YAML mapping (apiVersion, kind, clusters, users, contexts, …)')
  const current = doc.get('current-context')
  if (current !== undefined && current !== null && typeof current !== 'string') throw new KubeconfigError('must be a string', ['current-context'])
  return {
    clusters: entriesOf(doc, 'cluster'),
    users: entriesOf(doc, 'user'),
    contexts: entriesOf(doc, 'context'),
    currentContext: current || undefined,
  }
}

function entriesOf(doc: Map<unknown, unknown>, kind: EntryKind): Map<string, KubeconfigEntry> {
  const key = LIST[kind]
  const list = doc.get(key)
  const byName = new Map<string, KubeconfigEntry>()
  if (list === undefined || list === null) return byName
  if (!Array.isArray(list)) throw new KubeconfigError('must be a list', [key])
  list.forEach((item: unknown, index) => {
    if (!(item instanceof Map)) throw new KubeconfigError(`must be a mapping with a name and a ${kind}`, [key, index])
    const name = item.get('name')
    if (typeof name !== 'string' || name === '') throw new KubeconfigError('is required (a non-empty string)', [key, index, 'name'])
    if (name.length > MAX_NAME_LENGTH || !NAME.test(name)) throw new KubeconfigError(`must be at most ${MAX_NAME_LENGTH} characters without control characters`, [key, index, 'name'])
    const earlier = byName.get(name)
    if (earlier) throw new KubeconfigError(`${JSON.stringify(name)} is also the name of ${key}[${earlier.index}]; names must be unique`, [key, index, 'name'])
    byName.set(name, { kind, index, name, body: item.get(kind) })
  })
  return byName
}
