import { KubeConfig } from '@kubernetes/client-node'
import type { ClusterConnection } from '../types.ts'
import { KubeconfigError } from './kubeconfig-error.ts'
import { asString, findEntry, parseKubeconfig } from './parse-kubeconfig.ts'

export type LoadKubeConfigOptions = {
  /**
   * Accept credentials that live outside the kubeconfig: `exec` plugins and `auth-provider`
   * (they run commands) and file paths (`token-file`, `client-certificate`, `client-key`,
   * `certificate-authority`, which read this machine's files). Off by default, because a
   * kubeconfig registered through the API comes from a user, and the server must not run or read
   * what a user names. Turn it on only for a kubeconfig the operator supplied (sandbox, CLI).
   */
  allowExternalCredentials?: boolean
}

const USER_EXTERNAL_KEYS = ['exec', 'auth-provider', 'token-file', 'client-certificate', 'client-key'] as const
const CLUSTER_EXTERNAL_KEYS = ['certificate-authority'] as const

/**
 * A client config for one context of a kubeconfig (its current-context when none is named).
 * Throws KubeconfigError, naming the available contexts, when the context, its cluster or its
 * user is missing, the server URL is unusable, or a credential is external (see options).
 * Error messages never contain credentials.
 */
export function loadKubeConfig(conn: ClusterConnection, opts: LoadKubeConfigOptions = {}): KubeConfig {
  const raw = parseKubeconfig(conn.kubeconfig)
  const names = raw.contexts.map((c) => asString(c.name)).filter(Boolean)
  const available = names.length ? `available: ${names.join(', ')}` : 'the kubeconfig has no contexts'
  const contextName = conn.context || raw.currentContext
  if (!contextName) throw new KubeconfigError(`kubeconfig has no current-context; choose a context (${available})`)
  const context = findEntry<{ cluster?: unknown; user?: unknown }>(raw.contexts, contextName, 'context')
  if (!context) throw new KubeconfigError(`context "${contextName}" not found in kubeconfig (${available})`)

  const clusterName = asString(context.cluster)
  const cluster = findEntry<Record<string, unknown>>(raw.clusters, clusterName, 'cluster')
  if (!cluster) throw new KubeconfigError(`context "${contextName}" refers to cluster "${clusterName}", which the kubeconfig does not define`)
  checkServer(asString(cluster.server), cluster['insecure-skip-tls-verify'] === true, contextName)

  const userName = asString(context.user)
  const user = userName ? findEntry<Record<string, unknown>>(raw.users, userName, 'user') : {}
  if (!user) throw new KubeconfigError(`context "${contextName}" refers to user "${userName}", which the kubeconfig does not define`)

  if (!opts.allowExternalCredentials) {
    const userKeys = USER_EXTERNAL_KEYS.filter((key) => user[key] !== undefined && user[key] !== null)
    const clusterKeys = CLUSTER_EXTERNAL_KEYS.filter((key) => cluster[key] !== undefined && cluster[key] !== null && cluster[key] !== '')
    const found = [...userKeys.map((k) => `user "${userName}": ${k}`), ...clusterKeys.map((k) => `cluster "${clusterName}": ${k}`)]
    if (found.length) {
      throw new KubeconfigError(
        `kubeconfig uses credentials outside the file (${found.join('; ')}); embed them instead ` +
          '(token, client-certificate-data, client-key-data, certificate-authority-data)',
      )
    }
  }

  const kc = new KubeConfig()
  try {
    kc.loadFromString(conn.kubeconfig, { onInvalidEntry: 'filter' })
  } catch {
    throw new KubeconfigError('kubeconfig could not be loaded')
  }
  if (!kc.getContextObject(contextName)) throw new KubeconfigError(`context "${contextName}" is incomplete in the kubeconfig`)
  kc.setCurrentContext(contextName)
  if (!kc.getCurrentCluster()) throw new KubeconfigError(`cluster "${clusterName}" of context "${contextName}" is incomplete`)
  return kc
}

function checkServer(server: string, insecure: boolean, contextName: string): void {
  let url: URL
  try {
    url = new URL(server)
  } catch {
    throw new KubeconfigError(`cluster of context "${contextName}" has no valid server URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KubeconfigError(`cluster of context "${contextName}": server must be an https:// URL`)
  }
  // client-node refuses plain HTTP unless TLS verification is explicitly off; say so up front.
  if (url.protocol === 'http:' && !insecure) {
    throw new KubeconfigError(`cluster of context "${contextName}": an http:// server needs insecure-skip-tls-verify: true`)
  }
}
