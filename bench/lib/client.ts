import { request, Agent } from 'node:http'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'

/** A REST client of /v1/api on a running API, with one session. */
export function restClient(baseUrl: string) {
  let token = ''
  /** The API's own time for the last answer, from its Server-Timing header (ms). */
  let serverMs = NaN
  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${baseUrl}/v1/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    serverMs = Number(/app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN)
    const text = await res.text()
    const json = text ? JSON.parse(text) : undefined
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`)
    return json
  }
  return {
    call,
    get serverMs() {
      return serverMs
    },
    get token() {
      return token
    },
    async signUp(name: string) {
      const res = await call('POST', '/auth/register', { email: `${name}@bench.test`, password: 'correct horse battery staple' })
      token = res.token
      return res
    },
    /** A published workflow on `cluster` holding `graph`; returns its id and revision. */
    async publishedWorkflow(name: string, cluster: string, graph: unknown) {
      const { id } = await call('POST', '/workflows', { name, cluster_id: cluster })
      const saved = await call('POST', `/workflows/${id}/save`, { ...(graph as object), revision: 0 })
      await call('PUT', `/workflows/${id}/status`, { status: 'published' })
      return { id: id as string, revision: saved.revision as number }
    },
  }
}
export type RestClient = ReturnType<typeof restClient>

export type SseEvent = { type: string; data: any; at: number }

// SSE clients hold their connection open: no pooling limits, no keep-alive reuse.
const sseAgent = new Agent({ keepAlive: false, maxSockets: Infinity })

/**
 * A REST SSE client over node:http: calls `onEvent` for every frame with the time it was parsed
 * (performance.now()). Resolves once the response headers arrived.
 */
export function openSse(url: string, token: string, onEvent: (e: SseEvent) => void): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: sseAgent, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE ${url} → ${res.statusCode}`))
      res.setEncoding('utf8')
      let buf = ''
      res.on('data', (chunk: string) => {
        const at = performance.now()
        buf += chunk
        let end: number
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, end)
          buf = buf.slice(end + 2)
          const type = /^event: (.*)$/m.exec(frame)?.[1]
          const data = /^data: (.*)$/m.exec(frame)?.[1]
          if (type && data) onEvent({ type, data: JSON.parse(data), at })
        }
      })
      res.on('error', () => {})
      resolve({ close: () => req.destroy() })
    })
    req.on('error', (e) => reject(e))
    req.end()
  })
}

/** A graphql-ws client subscribed to workflowEvents; `onEvent` gets each event with its arrival time. */
export async function openGraphqlWs(baseUrl: string, token: string, workflowId: string, onEvent: (e: SseEvent) => void): Promise<{ close(): Promise<void> }> {
  const client: Client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
  })
  let first: () => void
  const subscribed = new Promise<void>((r) => (first = r))
  const unsubscribe = client.subscribe<{ workflowEvents: { type: string; payload: any } }>(
    { query: 'subscription($id: ID!) { workflowEvents(workflowId: $id) { type payload } }', variables: { id: workflowId } },
    {
      next: (r) => {
        const at = performance.now()
        const e = r.data?.workflowEvents
        if (e) onEvent({ type: e.type, data: e.payload, at })
        first()
      },
      error: (e) => console.error('graphql-ws error', e),
      complete: () => {},
    },
  )
  await subscribed // the metadata event: the subscription is live
  return {
    close: async () => {
      unsubscribe()
      await client.dispose()
    },
  }
}

/** Resolves when `check` turns true (checked on every call of the returned `poke`), or rejects after timeoutMs. */
export function waiter<T>(timeoutMs: number, what: string) {
  let done!: (v: T) => void
  let fail!: (e: Error) => void
  const promise = new Promise<T>((res, rej) => {
    done = res
    fail = rej
  })
  const t = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs)
  promise.finally(() => clearTimeout(t)).catch(() => {})
  return { promise, resolve: done, reject: fail }
}
