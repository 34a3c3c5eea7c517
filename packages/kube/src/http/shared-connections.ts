import { createHash } from 'node:crypto'
import type { KubeConfig, RequestContext, SecurityAuthentication } from '@kubernetes/client-node'

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>
type DispatcherFactory = (cluster: unknown, agentOptions: Record<string, unknown>) => Dispatcher | undefined
type Cached = { key: string; dispatcher: Dispatcher | undefined }

const shared = new WeakMap<KubeConfig, SecurityAuthentication>()

/**
 * The kubeconfig's authentication (headers, client certificate, CA, proxy) with one connection
 * pool per kubeconfig instead of one per request.
 *
 * client-node 2.x sends every request through undici's fetch with a dispatcher that
 * `KubeConfig.applySecurityAuthentication` builds afresh for each request (a new undici Agent
 * whenever there is TLS material), so no connection is ever reused: each request paid a TCP
 * and TLS handshake with client-certificate verification on both ends, and left an idle socket
 * behind for undici's keep-alive timeout. Here the same authentication runs on a view of the
 * KubeConfig whose dispatcher factory returns the previous dispatcher while the TLS options
 * and proxy it is built from are the same (an exec plugin's rotated client certificate gets a
 * new one; the old one is closed once its requests are done). Idle connections still close after
 * undici's keep-alive timeout.
 *
 * Relies on client-node's `createDispatcher(cluster, agentOptions)` (private, pinned version);
 * when it is missing, this falls back to the KubeConfig's own behaviour.
 */
export function sharedConnections(kc: KubeConfig): SecurityAuthentication {
  let auth = shared.get(kc)
  if (auth) return auth
  const original = (kc as unknown as { createDispatcher?: DispatcherFactory }).createDispatcher
  if (typeof original !== 'function') auth = kc
  else {
    let cached: Cached | undefined
    const view = Object.create(kc) as Pick<KubeConfig, 'applySecurityAuthentication'> & { createDispatcher: DispatcherFactory }
    view.createDispatcher = (cluster, agentOptions) => {
      const key = fingerprint(cluster, agentOptions)
      if (cached?.key === key) return cached.dispatcher
      const previous = cached?.dispatcher
      cached = { key, dispatcher: original.call(kc, cluster, agentOptions) }
      previous?.close().catch(() => undefined)
      return cached.dispatcher
    }
    auth = {
      getName: () => kc.getName(),
      applySecurityAuthentication: (context) => view.applySecurityAuthentication(context),
    }
  }
  shared.set(kc, auth)
  return auth
}

/** What a dispatcher is built from: the server, its proxy, and the TLS options (hashed: they hold a private key). */
function fingerprint(cluster: unknown, agentOptions: Record<string, unknown>): string {
  const c = (cluster ?? {}) as { server?: unknown; proxyUrl?: unknown; skipTLSVerify?: unknown }
  const hash = createHash('sha256')
  hash.update(JSON.stringify([c.server, c.proxyUrl, c.skipTLSVerify]))
  for (const name of ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername']) {
    const value = agentOptions[name]
    hash.update(`\0${name}=`)
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) hash.update(value)
    else hash.update(JSON.stringify(value ?? null))
  }
  return hash.digest('base64')
}
