import type { KubeConfig } from '@kubernetes/client-node'
import { credentialsOf, redact } from '../config/redact.ts'
import { isNotFound, toFailure } from '../http/api-error.ts'
import { ObjectClient } from '../http/object-client.ts'
import type { GroupVersionKind, K8sObject } from '../types.ts'

export type ListOptions = {
  /** Omit for all namespaces, or a cluster-scoped kind. */
  namespace?: string
  labelSelector?: string
  fieldSelector?: string
  /** At most this many objects (one page; default 500). */
  limit?: number
}

/**
 * Read-only access for diagnostics, logs and terminal: plain JSON as the server sent it (no
 * typed models, so timestamps stay strings). Failures throw an Error with the server's message,
 * credentials removed.
 */
export interface ObjectReader {
  list(gvk: GroupVersionKind, opts?: ListOptions): Promise<K8sObject[]>
  /** The object, or undefined when it does not exist. */
  read(gvk: GroupVersionKind, name: string, namespace?: string): Promise<K8sObject | undefined>
  /** Secrets with `data`/`stringData` values replaced by "" (keys kept): what diagnostics may see. */
  listSecretKeys(namespace: string): Promise<K8sObject[]>
}

export function createObjectReader(kc: KubeConfig, { requestTimeoutMs = 15_000 } = {}): ObjectReader {
  const client = ObjectClient.forConfig(kc, { requestTimeoutMs })
  const secrets = credentialsOf(kc)
  const fail = (what: string, err: unknown) => new Error(redact(`${what}: ${toFailure(err).error}`, secrets))

  async function list(gvk: GroupVersionKind, opts: ListOptions = {}): Promise<K8sObject[]> {
    try {
      const { path } = await client.locate({ ...gvk, namespace: opts.namespace }, 'list')
      // locate() fills in the context's namespace for a namespaced kind; "all namespaces" drops it.
      const listPath = opts.namespace ? path : path.replace(/\/namespaces\/[^/]+\//, '/')
      const page = await client.get<{ items?: K8sObject[] }>(listPath, {
        query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, limit: opts.limit ?? 500 },
      })
      return (page.items ?? []).map((item) => ({ ...item, apiVersion: gvk.apiVersion, kind: gvk.kind }))
    } catch (err) {
      throw fail(`listing ${gvk.kind}${opts.namespace ? ` in ${opts.namespace}` : ''}`, err)
    }
  }

  return {
    list,
    async read(gvk, name, namespace) {
      try {
        const { path } = await client.locate({ ...gvk, name, namespace }, 'read')
        const object = await client.get<K8sObject>(path)
        return { ...object, apiVersion: gvk.apiVersion, kind: gvk.kind }
      } catch (err) {
        if (isNotFound(err)) return undefined
        throw fail(`reading ${gvk.kind} ${namespace ? `${namespace}/` : ''}${name}`, err)
      }
    },
    async listSecretKeys(namespace) {
      const items = await list({ apiVersion: 'v1', kind: 'Secret' }, { namespace })
      return items.map((s) => {
        const blank = (v: unknown) => (v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).map((k) => [k, ''])) : undefined)
        const { data, stringData, ...rest } = s as K8sObject & { data?: unknown; stringData?: unknown }
        const metadata = { ...rest.metadata }
        // kubectl's last-applied annotation would carry the values again.
        if (metadata.annotations && typeof metadata.annotations === 'object')
          metadata.annotations = Object.fromEntries(
            Object.entries(metadata.annotations as Record<string, string>).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration'),
          )
        delete (metadata as { managedFields?: unknown }).managedFields
        return { ...rest, metadata, ...(data ? { data: blank(data) } : {}), ...(stringData ? { stringData: blank(stringData) } : {}) }
      })
    },
  }
}
