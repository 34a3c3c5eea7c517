import { checkEntries } from './check-kubeconfig.ts'
import { readKubeconfigEntries } from './kubeconfig-entries.ts'
import { KubeconfigError } from './kubeconfig-error.ts'

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
  /** Why registering with this context would be refused (checkKubeconfig's message), if it would. */
  problem?: string
}

/**
 * The contexts of a kubeconfig, for "register a cluster from a kubeconfig and choose a context".
 * Reads names and server URLs only; no credential ever appears in the result. Throws
 * KubeconfigError for what no context could survive (bad YAML, entries sharing a name).
 */
export function listContexts(kubeconfigYaml: string): KubeContextSummary[] {
  const entries = readKubeconfigEntries(kubeconfigYaml)
  return [...entries.contexts.values()].map((entry) => {
    const context = entry.body instanceof Map ? entry.body : new Map()
    const cluster = asString(context.get('cluster'))
    const clusterBody = entries.clusters.get(cluster)?.body
    const server = clusterBody instanceof Map ? asString(clusterBody.get('server')) : ''
    const summary: KubeContextSummary = { name: entry.name, cluster, server: stripUserInfo(server), user: asString(context.get('user')), current: entries.currentContext === entry.name }
    const namespace = asString(context.get('namespace'))
    if (namespace) summary.namespace = namespace
    const problem = problemOf(() => checkEntries(entries, entry.name))
    if (problem) summary.problem = problem
    return summary
  })
}

function problemOf(check: () => unknown): string | undefined {
  try {
    check()
    return undefined
  } catch (err) {
    if (err instanceof KubeconfigError) return err.message
    throw err
  }
}

const asString = (value: unknown): string => (typeof value === 'string' ? value : '')

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
