import { loadYaml } from '@kubernetes/client-node'
import { KubeconfigError } from './kubeconfig-error.ts'

type Named<T> = { name?: unknown; [key: string]: unknown } & Partial<Record<'cluster' | 'user' | 'context', T>>
type RawCluster = Record<string, unknown> & { server?: unknown }
type RawUser = Record<string, unknown>
type RawContext = { cluster?: unknown; user?: unknown; namespace?: unknown }

/** The parts of a kubeconfig we read, as untrusted JSON. */
export type RawKubeconfig = {
  clusters: Named<RawCluster>[]
  users: Named<RawUser>[]
  contexts: Named<RawContext>[]
  currentContext: string | undefined
}

/**
 * Parses kubeconfig YAML without touching the file system (client-node's loader reads `token-file`
 * while parsing). YAML errors are reported by line only: the parser's own message quotes the
 * offending source, which may be a credential.
 */
export function parseKubeconfig(yaml: string): RawKubeconfig {
  let doc: unknown
  try {
    doc = loadYaml(yaml)
  } catch (err) {
    const line = (err as { mark?: { line?: number } }).mark?.line
    throw new KubeconfigError(`kubeconfig is not valid YAML${typeof line === 'number' ? ` (line ${line + 1})` : ''}`)
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new KubeconfigError('kubeconfig must be a YAML mapping')
  const record = doc as Record<string, unknown>
  const list = <T>(key: string): Named<T>[] => {
    const value = record[key]
    if (value === undefined || value === null) return []
    if (!Array.isArray(value)) throw new KubeconfigError(`kubeconfig "${key}" must be a list`)
    return value.filter((entry): entry is Named<T> => typeof entry === 'object' && entry !== null)
  }
  const current = record['current-context']
  return {
    clusters: list<RawCluster>('clusters'),
    users: list<RawUser>('users'),
    contexts: list<RawContext>('contexts'),
    currentContext: typeof current === 'string' && current !== '' ? current : undefined,
  }
}

export function findEntry<T>(entries: Named<T>[], name: string, key: 'cluster' | 'user' | 'context'): T | undefined {
  const entry = entries.find((e) => e.name === name)
  if (!entry) return undefined
  const value = entry[key]
  return (typeof value === 'object' && value !== null ? value : {}) as T
}

export const asString = (value: unknown): string => (typeof value === 'string' ? value : '')
