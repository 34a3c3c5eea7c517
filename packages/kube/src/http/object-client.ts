import { HttpMethod, type KubeConfig, KubernetesObjectApi, type KubernetesObject, type ResponseContext } from '@kubernetes/client-node'
import type { GroupVersionKind } from '../types.ts'
import { KubeApiError, type K8sStatus } from './api-error.ts'
import { sharedConnections } from './shared-connections.ts'

export type Location = { path: string; namespaced: boolean; namespace?: string }

export type RequestOptions = {
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  contentType?: string
  signal?: AbortSignal
}

/**
 * client-node's KubernetesObjectApi with plain-JSON bodies. It keeps client-node's discovery
 * (resource paths from the server's API resource lists), its kubeconfig authentication and TLS,
 * and its HTTP library. What it changes: the typed serializer of KubernetesObjectApi keeps only
 * the fields its generated models know and silently drops the rest (a typo like `spec.replcas`,
 * or a field newer than the models), which would make server-side apply and its dry-run lie. Here
 * the object goes to the server exactly as rendered, and comes back as the server sent it.
 */
export class ObjectClient extends KubernetesObjectApi {
  private requestTimeoutMs = 30_000

  static forConfig(kc: KubeConfig, { requestTimeoutMs = 30_000 } = {}): ObjectClient {
    const client = kc.makeApiClient(ObjectClient)
    // One connection pool per kubeconfig, not a new TLS connection per request (see there).
    client.configuration.authMethods.default = sharedConnections(kc)
    client.setDefaultNamespace(kc)
    client.requestTimeoutMs = requestTimeoutMs
    return client
  }

  /** Fetches the discovery documents of these kinds once, so concurrent calls do not each ask. */
  async warm(kinds: readonly GroupVersionKind[]): Promise<void> {
    const byVersion = new Map<string, string>()
    for (const { apiVersion, kind } of kinds) if (!byVersion.has(apiVersion)) byVersion.set(apiVersion, kind)
    await Promise.all([...byVersion].map(([apiVersion, kind]) => this.resource(apiVersion, kind).catch(() => undefined)))
  }

  /**
   * The URL path of an object (or, for `list`, of its collection), the namespace it lands in
   * (the context's default for a namespaced kind given none) and whether the kind is namespaced.
   * Throws when the server does not serve the kind.
   */
  async locate(target: GroupVersionKind & { name?: string; namespace?: string }, action: 'read' | 'list' | 'create'): Promise<Location> {
    const resource = await this.resource(target.apiVersion, target.kind).catch((err: unknown) => {
      // An API group/version the server does not have answers 404 to discovery.
      if ((err as { code?: unknown }).code === 404) return undefined
      throw err
    })
    if (!resource) throw new KubeApiError(404, { reason: 'NotFound', message: `the cluster does not serve ${target.apiVersion} ${target.kind}` })
    const spec: KubernetesObject = { apiVersion: target.apiVersion, kind: target.kind, metadata: { name: target.name, namespace: target.namespace } }
    const path = await this.specUriPath(spec, action)
    const location: Location = { path, namespaced: resource.namespaced }
    if (resource.namespaced && spec.metadata?.namespace) location.namespace = spec.metadata.namespace
    return location
  }

  /** One request through client-node's auth and HTTP stack; resolves with the parsed JSON body. */
  async send<T = unknown>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
    const ctx = this.configuration.baseServer.makeRequestContext(path, method)
    ctx.setHeaderParam('Accept', 'application/json')
    for (const [key, value] of Object.entries(opts.query ?? {})) if (value !== undefined) ctx.setQueryParam(key, String(value))
    if (opts.body !== undefined) {
      ctx.setHeaderParam('Content-Type', opts.contentType ?? 'application/json')
      ctx.setBody(JSON.stringify(opts.body))
    }
    const timeout = AbortSignal.timeout(this.requestTimeoutMs)
    ctx.setSignal(opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout)
    return (await this.requestPromise(ctx)) as T
  }

  get<T = unknown>(path: string, opts?: RequestOptions) {
    return this.send<T>(HttpMethod.GET, path, opts)
  }

  protected override async processResponse<T extends KubernetesObject>(response: ResponseContext): Promise<T> {
    const text = await response.body.text()
    let body: unknown
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = undefined
    }
    if (response.httpStatusCode >= 200 && response.httpStatusCode <= 299) return body as T
    const status = typeof body === 'object' && body !== null ? (body as K8sStatus) : undefined
    throw new KubeApiError(response.httpStatusCode, status, status?.message ?? (text.slice(0, 200) || `HTTP ${response.httpStatusCode}`))
  }
}
