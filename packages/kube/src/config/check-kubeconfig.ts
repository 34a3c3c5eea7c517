import type { Cluster, Context, User } from '@kubernetes/client-node'
import { readKubeconfigEntries, type KubeconfigEntries, type KubeconfigEntry } from './kubeconfig-entries.ts'
import { KubeconfigError, type KubeconfigFieldPath } from './kubeconfig-error.ts'
import { fieldVerdict, shownKey } from './kubeconfig-fields.ts'
import { checkedBoolean, checkedHostname, checkedNamespace, checkedPemData, checkedServer, checkedString, checkedToken } from './kubeconfig-values.ts'
import { minimalKubeconfig } from './minimal-kubeconfig.ts'

/** The chosen context, its cluster and its user, in client-node's shapes, holding only checked values. */
export type CheckedKubeconfig = { cluster: Cluster; user: User; context: Context }

/** What a person may see about a checked kubeconfig: names and the server, never a credential. */
export type KubeconfigSummary = {
  context: string
  cluster: string
  user: string
  server: string
  namespace?: string
  /** How the user authenticates; empty for an anonymous user. */
  credentials: ('token' | 'client-certificate' | 'basic')[]
}

export type KubeconfigCheck =
  | { ok: true; config: CheckedKubeconfig; summary: KubeconfigSummary; /** The kubeconfig rebuilt from `config` alone: what is stored and loaded. */ minimal: string }
  | { ok: false; error: KubeconfigError }

/**
 * The one reading of an uploaded kubeconfig. Chooses a context (the one asked for, else
 * current-context, else the only one), then refuses — naming the field — anything ambiguous
 * (entries sharing a name, a context naming a cluster or user that is not there) and, in the
 * chosen context, cluster and user, every field that would run a command or read a file on the
 * server, and every field it does not know. Other contexts may hold anything: they are not kept.
 * `minimal` is the kubeconfig rebuilt from the checked values only; checking it again gives it
 * back unchanged.
 */
export function checkKubeconfig(text: string, opts: { context?: string } = {}): KubeconfigCheck {
  try {
    const checked = checkEntries(readKubeconfigEntries(text), opts.context)
    return { ok: true, ...checked, minimal: minimalKubeconfig(checked.config) }
  } catch (err) {
    if (err instanceof KubeconfigError) return { ok: false, error: err }
    throw err
  }
}

/**
 * The checks of checkKubeconfig on entries already read, without the rebuilt text (listContexts
 * checks every context of one reading). Throws KubeconfigError.
 */
export function checkEntries(entries: KubeconfigEntries, asked: string | undefined): { config: CheckedKubeconfig; summary: KubeconfigSummary } {
  const contextEntry = chooseContext(entries, asked)
  const ctx = keptFields(contextEntry)
  const clusterName = checkedString(ctx.get('cluster'), at(contextEntry, 'cluster'), 253, undefined, 'the name of a cluster of the kubeconfig')
  const anyUser = 'the name of a user of the kubeconfig (a user with no credentials connects anonymously)'
  const userName = checkedString(ctx.get('user'), at(contextEntry, 'user'), 253, undefined, anyUser)
  const clusterEntry = entries.clusters.get(clusterName)
  if (!clusterEntry) throw new KubeconfigError(`names cluster ${JSON.stringify(clusterName)}, which the kubeconfig does not define`, at(contextEntry, 'cluster'))
  const userEntry = entries.users.get(userName)
  if (!userEntry) throw new KubeconfigError(`names user ${JSON.stringify(userName)}, which the kubeconfig does not define`, at(contextEntry, 'user'))
  const namespace = ctx.has('namespace') ? checkedNamespace(ctx.get('namespace'), at(contextEntry, 'namespace')) : undefined

  const cluster = checkedCluster(clusterEntry)
  const { user, credentials } = checkedUser(userEntry)
  const context: Context = { name: contextEntry.name, cluster: cluster.name, user: user.name, ...(namespace ? { namespace } : {}) }
  return {
    config: { cluster, user, context },
    summary: { context: context.name, cluster: cluster.name, user: user.name, server: cluster.server, ...(namespace ? { namespace } : {}), credentials },
  }
}

const MAX_LISTED = 20
function availableContexts(entries: KubeconfigEntries): string {
  const names = [...entries.contexts.keys()]
  if (names.length === 0) return 'the kubeconfig has no contexts'
  return `available: ${names.slice(0, MAX_LISTED).join(', ')}${names.length > MAX_LISTED ? `, and ${names.length - MAX_LISTED} more` : ''}`
}

function chooseContext(entries: KubeconfigEntries, asked: string | undefined): KubeconfigEntry {
  if (entries.contexts.size === 0) throw new KubeconfigError('the kubeconfig has no contexts', ['contexts'])
  if (asked !== undefined) {
    const found = entries.contexts.get(asked)
    const shown = asked.length <= 253 ? `${JSON.stringify(asked)} ` : ''
    if (!found) throw new KubeconfigError(`${shown}not found in the kubeconfig (${availableContexts(entries)})`, [], 'context')
    return found
  }
  if (entries.currentContext !== undefined) {
    const found = entries.contexts.get(entries.currentContext)
    if (!found)
      throw new KubeconfigError(`names context ${JSON.stringify(entries.currentContext)}, which the kubeconfig does not define (${availableContexts(entries)})`, ['current-context'])
    return found
  }
  if (entries.contexts.size === 1) return [...entries.contexts.values()][0]!
  throw new KubeconfigError(`is required: the kubeconfig has no current-context; choose a context (${availableContexts(entries)})`, [], 'context')
}

function checkedCluster(entry: KubeconfigEntry): Cluster {
  const f = keptFields(entry)
  const insecure = f.has('insecure-skip-tls-verify') ? checkedBoolean(f.get('insecure-skip-tls-verify'), at(entry, 'insecure-skip-tls-verify')) : false
  if (!f.has('server')) throw new KubeconfigError('is required', at(entry, 'server'))
  const server = checkedServer(f.get('server'), insecure, at(entry, 'server'))
  const caData = f.has('certificate-authority-data') ? checkedPemData(f.get('certificate-authority-data'), at(entry, 'certificate-authority-data')) : undefined
  const tlsServerName = f.has('tls-server-name') ? checkedHostname(f.get('tls-server-name'), at(entry, 'tls-server-name')) : undefined
  return { name: entry.name, server, skipTLSVerify: insecure, ...(caData ? { caData } : {}), ...(tlsServerName ? { tlsServerName } : {}) }
}

function checkedUser(entry: KubeconfigEntry): { user: User; credentials: KubeconfigSummary['credentials'] } {
  const f = keptFields(entry)
  const token = f.has('token') ? checkedToken(f.get('token'), at(entry, 'token')) : undefined
  const username = f.has('username') ? checkedString(f.get('username'), at(entry, 'username'), 256, /^[^\x00-\x1f\x7f:]+$/, 'a user name without ":"') : undefined
  const password = f.has('password') ? checkedString(f.get('password'), at(entry, 'password'), 1024) : undefined
  if ((username === undefined) !== (password === undefined))
    throw new KubeconfigError('needs both username and password', at(entry, username === undefined ? 'username' : 'password'))
  if (token !== undefined && username !== undefined) throw new KubeconfigError('use either token or username and password, not both', at(entry, 'username'))
  const certData = f.has('client-certificate-data') ? checkedPemData(f.get('client-certificate-data'), at(entry, 'client-certificate-data')) : undefined
  const keyData = f.has('client-key-data') ? checkedPemData(f.get('client-key-data'), at(entry, 'client-key-data')) : undefined
  if ((certData === undefined) !== (keyData === undefined))
    throw new KubeconfigError('needs both client-certificate-data and client-key-data', at(entry, certData === undefined ? 'client-certificate-data' : 'client-key-data'))
  const impersonateUser = f.has('as') ? checkedString(f.get('as'), at(entry, 'as'), 256) : undefined
  const user: User = {
    name: entry.name,
    ...(token !== undefined ? { token } : {}),
    ...(username !== undefined ? { username, password } : {}),
    ...(certData !== undefined ? { certData, keyData } : {}),
    ...(impersonateUser !== undefined ? { impersonateUser } : {}),
  }
  const credentials: KubeconfigSummary['credentials'] = []
  if (token !== undefined) credentials.push('token')
  if (certData !== undefined) credentials.push('client-certificate')
  if (username !== undefined) credentials.push('basic')
  return { user, credentials }
}

const LIST = { cluster: 'clusters', user: 'users', context: 'contexts' } as const
const at = (entry: KubeconfigEntry, key: string): KubeconfigFieldPath => [LIST[entry.kind], entry.index, entry.kind, key]

/**
 * The fields of an entry that are read, after every field was judged: a refused one throws naming
 * it. A field whose value is null counts as absent, as it does for kubectl and client-node.
 */
function keptFields(entry: KubeconfigEntry): Map<string, unknown> {
  const body = entry.body
  const where: KubeconfigFieldPath = [LIST[entry.kind], entry.index, entry.kind]
  if (body === undefined || body === null) {
    if (entry.kind === 'user') return new Map()
    throw new KubeconfigError('is required', where)
  }
  if (!(body instanceof Map)) throw new KubeconfigError('must be a mapping', where)
  const kept = new Map<string, unknown>()
  for (const [key, value] of body) {
    if (typeof key !== 'string') throw new KubeconfigError('has a key that is not a string', [...where, shownKey(key)])
    if (value === null || value === undefined) continue
    const verdict = fieldVerdict(entry.kind, key)
    if (verdict.verdict === 'refuse') throw new KubeconfigError(verdict.reason, [...where, shownKey(key)])
    if (verdict.verdict === 'keep') kept.set(key, value)
  }
  return kept
}
