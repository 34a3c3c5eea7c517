import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { createServerAdapter } from '@whatwg-node/server'
import { useServer } from 'graphql-ws/use/ws'
import { WebSocketServer } from 'ws'
import { isGraphQLError, requestLimitError } from './graphql/request-limits.ts'
import { createGraphQLError } from 'graphql-yoga'
import { createGraphQL, GRAPHQL_PATH } from './graphql/yoga.ts'
import { expectedFailureOf, ForbiddenError, httpStatusOf } from './errors.ts'
import { readBody } from './http/read-body.ts'
import { HOOKS_PREFIX, handleHook, redactHookToken } from './rest/hooks.ts'
import { json, restErrorBody } from './rest/router.ts'
import { REST_PREFIX, REST_ROUTES, openApiDocument, restRouter } from './rest/index.ts'
import { jsonTextTooDeep, tooDeepError } from './services/bounded-json.ts'
import { authenticateRequest, clientOf, CSRF_HEADER, type Actor, type Client, type Deps } from './services/index.ts'
import { createTerminalServer } from './terminal/terminal-server.ts'

/** What the HTTP server passes along with a request (node's IncomingMessage, for the peer address). */
export type RequestContext = { req?: { socket?: { remoteAddress?: string } } }

/** Every answer: no MIME sniffing, never framed, no referrer sent on. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
}

/** Builds the whole HTTP surface: GraphQL (+ GraphiQL, SSE), REST under /v1/api, OpenAPI, health. */
export function buildApp(deps: Deps) {
  const yoga = createGraphQL(deps)
  const openApi = openApiDocument(REST_PREFIX, REST_ROUTES)

  /**
   * The browser app is served from another origin (port): answer CORS for the configured ones,
   * with credentials (its session cookie), so always the exact origin, never `*`.
   */
  async function handle(request: Request, context: RequestContext = {}): Promise<Response> {
    const started = performance.now()
    const origin = request.headers.get('origin')
    const allowed = origin && deps.config.webOrigins.includes(origin) ? origin : undefined
    if (request.method === 'OPTIONS' && allowed)
      return new Response(null, { status: 204, headers: { ...corsHeaders(allowed, request), ...SECURITY_HEADERS } })
    const client = clientOf(request, context.req?.socket?.remoteAddress, deps.config.trustProxyHops)
    const response = await route(request, client)
    withServerTiming(response, performance.now() - started)
    return withHeaders(response, { ...SECURITY_HEADERS, ...(allowed ? corsHeaders(allowed, request) : {}) })
  }

  /**
   * Adds headers in place (a rebuilt Response around a stream would no longer pass the client's
   * disconnect on to it, leaving SSE subscribers behind); rebuilt only if the headers are immutable.
   */
  function withHeaders(response: Response, extra: Record<string, string>, cookies: string[] = []): Response {
    try {
      for (const [k, v] of Object.entries(extra)) response.headers.set(k, v)
      for (const c of cookies) response.headers.append('set-cookie', c)
      return response
    } catch {
      const headers = new Headers(response.headers)
      for (const [k, v] of Object.entries(extra)) headers.set(k, v)
      for (const c of cookies) headers.append('set-cookie', c)
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
    }
  }

  /**
   * Anything a handler did not expect is answered as JSON, never as the adapter's default (which
   * sends the error's stack to the client): a database outage is a 503 the client may retry,
   * the rest a 500 logged in full here.
   */
  async function route(request: Request, client: Client): Promise<Response> {
    try {
      return await dispatch(request, client)
    } catch (e) {
      const expected = expectedFailureOf(e)
      if (expected) return json(httpStatusOf(expected), { error: expected.message }, httpStatusOf(expected) === 503 ? { 'retry-after': '2' } : {})
      console.error('unexpected error', request.method, redactHookToken(new URL(request.url).pathname), e)
      return json(500, { error: 'internal server error' })
    }
  }

  /** The caller of a GraphQL or REST request (bearer token, or the session cookie with its CSRF check). */
  const callerOf = (request: Request): Promise<Actor | undefined> =>
    authenticateRequest(deps, {
      method: request.method,
      authorization: request.headers.get('authorization'),
      cookie: request.headers.get('cookie'),
      origin: request.headers.get('origin'),
      csrf: request.headers.get(CSRF_HEADER),
    })

  async function dispatch(request: Request, client: Client): Promise<Response> {
    const url = new URL(request.url)
    let body: string | undefined = ''
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      body = await readBody(request, deps.config.maxBodyBytes)
      if (body === undefined) return json(413, { error: `request body larger than ${deps.config.maxBodyBytes} bytes` })
    }
    if (url.pathname === GRAPHQL_PATH) {
      let actor: Actor | undefined
      try {
        actor = await callerOf(request)
      } catch (e) {
        if (e instanceof ForbiddenError) return json(403, { errors: [{ message: e.message, extensions: { code: e.code } }] })
        throw e
      }
      const headers = new Headers(request.headers)
      headers.delete('origin') // CORS is answered above, once, for every route
      const forwarded = new Request(request.url, { method: request.method, headers, body: body || undefined })
      const setCookies: string[] = []
      const response = await yoga.fetch(forwarded, { authenticated: { actor }, client, setCookies })
      return setCookies.length ? withHeaders(response, {}, setCookies) : response
    }
    if (url.pathname === '/v1/api-docs') return json(200, openApi)
    if (url.pathname === '/healthz') return json(200, { ok: true })
    // Webhooks are verified over the raw body, so they are answered before it is parsed.
    if (url.pathname.startsWith(HOOKS_PREFIX)) return handleHook(request, deps, body)
    if (url.pathname === REST_PREFIX || url.pathname.startsWith(`${REST_PREFIX}/`)) {
      let parsed: unknown
      if (body) {
        const deep = jsonTextTooDeep(body)
        if (deep) return json(400, restErrorBody(tooDeepError([], deep)))
        try {
          parsed = JSON.parse(body)
        } catch {
          return json(400, { error: 'request body is not valid JSON' })
        }
      }
      let actor: Actor | undefined
      try {
        actor = await callerOf(request)
      } catch (e) {
        if (e instanceof ForbiddenError) return json(403, { error: e.message })
        throw e
      }
      return restRouter(request, deps, actor, parsed, client)
    }
    return json(404, { error: `not found: ${url.pathname}` })
  }

  const adapter = createServerAdapter<RequestContext>((request, context) => handle(request, context))

  /**
   * `Server-Timing: app;dur=<ms>`: the time from the request reaching the handler (body included)
   * to its response being ready, for browsers' network panels and the benchmarks. For a stream it
   * is the time to its first byte.
   */
  function withServerTiming(response: Response, ms: number) {
    try {
      response.headers.set('server-timing', `app;dur=${ms.toFixed(2)}`)
    } catch {
      // a response with immutable headers goes out without it
    }
  }

  function corsHeaders(origin: string, request: Request): Record<string, string> {
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? `authorization, content-type, ${CSRF_HEADER}`,
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
      vary: 'origin',
    }
  }

  /** Serves graphql-ws on the GraphQL path and the terminal WebSocket; one upgrade dispatcher routes by path. */
  function attachWebSockets(server: Server) {
    // One message may be as large as one HTTP body (ws's default is 100 MiB); larger closes with 1009.
    const wss = new WebSocketServer({ noServer: true, maxPayload: deps.config.maxBodyBytes })
    const terminal = createTerminalServer(deps)
    const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      // An exception thrown out of an 'upgrade' listener would end the process: a malformed
      // request (e.g. bad percent-encoding in the path) is refused on its own socket instead.
      try {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname
        if (path === GRAPHQL_PATH) wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
        else if (!terminal.handleUpgrade(request, socket, head)) {
          socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
        }
      } catch {
        socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
      }
    }
    server.on('upgrade', onUpgrade)
    const disposable = useServer(
      {
        execute: (args: any) => args.rootValue.execute(args),
        subscribe: (args: any) => args.rootValue.subscribe(args),
        onSubscribe: async (ctx, _id, params) => {
          // The same limits as over HTTP (yoga's onParams does not run here); refusals are answered
          // as errors of this subscription, not by closing the socket.
          const refused = requestLimitError(params)
          if (refused) return [refused]
          const connectionParams = (ctx.connectionParams ?? {}) as Record<string, unknown>
          const upgrade = ctx.extra.request
          const request = new Request('http://localhost/graphql', { headers: { 'user-agent': upgrade.headers['user-agent'] ?? '', origin: upgrade.headers.origin ?? '' } })
          // A browser's connection is authenticated by its session cookie (sent with the upgrade):
          // only from the web app's origin, with the CSRF token as a connection parameter, as for
          // any write — a page elsewhere cannot open a socket that acts as its visitor.
          let actor: Actor | undefined
          try {
            actor = await authenticateRequest(deps, {
              method: 'WEBSOCKET',
              authorization: typeof connectionParams.authorization === 'string' ? connectionParams.authorization : undefined,
              cookie: upgrade.headers.cookie,
              origin: upgrade.headers.origin,
              csrf: typeof connectionParams.csrfToken === 'string' ? connectionParams.csrfToken : undefined,
            })
          } catch (e) {
            if (e instanceof ForbiddenError) return [createGraphQLError(e.message, { extensions: { code: e.code } })]
            throw e
          }
          const client = clientOf(request, upgrade.socket.remoteAddress, deps.config.trustProxyHops)
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            ...ctx,
            req: upgrade,
            socket: ctx.extra.socket,
            params,
            request,
            authenticated: { actor },
            client,
          })
          let document
          try {
            document = parse(params.query)
          } catch (e) {
            if (isGraphQLError(e)) return [e]
            throw e
          }
          const args = {
            schema,
            operationName: params.operationName,
            document,
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          }
          const errors = validate(args.schema, args.document)
          return errors.length ? errors : args
        },
      },
      wss,
    )
    return async () => {
      server.off('upgrade', onUpgrade)
      await disposable.dispose()
      wss.close()
      await terminal.close()
    }
  }

  return { handle, adapter, attachWebSockets, yoga }
}
