import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { createServerAdapter } from '@whatwg-node/server'
import { useServer } from 'graphql-ws/use/ws'
import { WebSocketServer } from 'ws'
import { isGraphQLError, requestLimitError } from './graphql/request-limits.ts'
import { createGraphQL, GRAPHQL_PATH } from './graphql/yoga.ts'
import { expectedFailureOf, httpStatusOf } from './errors.ts'
import { readBody } from './http/read-body.ts'
import { HOOKS_PREFIX, handleHook, redactHookToken } from './rest/hooks.ts'
import { json, restErrorBody } from './rest/router.ts'
import { REST_PREFIX, REST_ROUTES, openApiDocument, restRouter } from './rest/index.ts'
import { authenticate, type Deps } from './services/index.ts'
import { jsonTextTooDeep, tooDeepError } from './services/bounded-json.ts'
import { createTerminalServer } from './terminal/terminal-server.ts'

/** Builds the whole HTTP surface: GraphQL (+ GraphiQL, SSE), REST under /v1/api, OpenAPI, health. */
export function buildApp(deps: Deps) {
  const yoga = createGraphQL(deps)
  const openApi = openApiDocument(REST_PREFIX, REST_ROUTES)

  /** The browser app is served from another origin (port): answer CORS for the configured ones. */
  async function handle(request: Request): Promise<Response> {
    const started = performance.now()
    const origin = request.headers.get('origin')
    const allowed = origin && deps.config.webOrigins.includes(origin) ? origin : undefined
    if (request.method === 'OPTIONS' && allowed)
      return new Response(null, { status: 204, headers: corsHeaders(allowed, request) })
    const response = await route(request)
    withServerTiming(response, performance.now() - started)
    if (!allowed) return response
    const headers = new Headers(response.headers)
    for (const [k, v] of Object.entries(corsHeaders(allowed, request))) headers.set(k, v)
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  }

  /**
   * Anything a handler did not expect is answered as JSON, never as the adapter's default (which
   * sends the error's stack to the client): a database outage is a 503 the client may retry,
   * the rest a 500 logged in full here.
   */
  async function route(request: Request): Promise<Response> {
    try {
      return await dispatch(request)
    } catch (e) {
      const expected = expectedFailureOf(e)
      if (expected) return json(httpStatusOf(expected), { error: expected.message }, httpStatusOf(expected) === 503 ? { 'retry-after': '2' } : {})
      console.error('unexpected error', request.method, redactHookToken(new URL(request.url).pathname), e)
      return json(500, { error: 'internal server error' })
    }
  }

  async function dispatch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    let body: string | undefined = ''
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      body = await readBody(request, deps.config.maxBodyBytes)
      if (body === undefined) return json(413, { error: `request body larger than ${deps.config.maxBodyBytes} bytes` })
    }
    if (url.pathname === GRAPHQL_PATH) {
      const headers = new Headers(request.headers)
      headers.delete('origin') // CORS is answered above, once, for every route
      const forwarded = new Request(request.url, { method: request.method, headers, body: body || undefined })
      return yoga.fetch(forwarded, {})
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
      const actor = await authenticate(deps, request.headers.get('authorization'))
      return restRouter(request, deps, actor, parsed)
    }
    return json(404, { error: `not found: ${url.pathname}` })
  }

  const adapter = createServerAdapter(handle)

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
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? 'authorization, content-type',
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
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            ...ctx,
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            params,
            request: new Request('http://localhost/graphql', {
              headers: { authorization: String((ctx.connectionParams as Record<string, unknown> | undefined)?.authorization ?? '') },
            }),
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
