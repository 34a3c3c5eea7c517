import { asString, findEntry, parseKubeconfig } from './parse-kubeconfig.ts'

export type KubeContextSummary = {
  name: string
  cluster: string
  /** The cluster's server URL, without any user:password part. */
  server: string
  /** The user entry's name, never its credentials. */
  user: string
  namespace?: string
  /** Whether this is the kubeconfig's current-context. */
  current: boolean
}

/**
 * The contexts of a kubeconfig, for "register a cluster from a kubeconfig and choose a context".
 * Reads names and server URLs only; no credential ever appears in the result.
 */
export function listContexts(kubeconfigYaml: string): KubeContextSummary[] {
  const raw = parseKubeconfig(kubeconfigYaml)
  return raw.contexts
    .filter((entry) => typeof entry.name === 'string' && entry.name !== '')
    .map((entry) => {
      const name = entry.name as string
      const context = findEntry<{ cluster?: unknown; user?: unknown; namespace?: unknown }>(raw.contexts, name, 'context') ?? {}
      const cluster = asString(context.cluster)
      const server = asString(findEntry<{ server?: unknown }>(raw.clusters, cluster, 'cluster')?.server)
      const summary: KubeContextSummary = { name, cluster, server: stripUserInfo(server), user: asString(context.user), current: raw.currentContext === name }
      const namespace = asString(context.namespace)
      if (namespace) summary.namespace = namespace
      return summary
    })
}

function stripUserInfo(server: string): string {
  try {
    const url = new URL(server)
    if (!url.username && !url.password) return server
    url.username = ''
    url.password = ''
    return url.toString().replace(/\/$/, server.endsWith('/') ? '/' : '')
  } catch {
    return server.replace(/\/\/[^/@]*@/, '//')
  }
}
