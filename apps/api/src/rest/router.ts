import { DomainError, ValidationError, httpStatusOf, AuthenticationError, RevisionConflictError, InvalidTransitionError, RateLimitedError, invalidField, expectedFailureOf } from '../errors.ts'
import { meets, type Actor, type Client, type Deps, type Requirement } from '../services/index.ts'

export type RestRequest = {
  deps: Deps
  actor: Actor
  params: Record<string, string>
  query: Record<string, string>
  body: unknown
  request: Request
  /** Who is calling (address, user agent, origin), as the HTTP layer saw it. */
  client: Client
}

export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  summary: string
  /** Public routes (register, login) skip authentication. */
  public?: boolean
  /** What the credential must allow (services/auth/scopes.ts): read for GET, write otherwise, unless named. */
  scope?: Requirement
  status?: number
  handler: (req: RestRequest & { actor: Actor }) => Promise<unknown>
}

type Compiled = Route & { regex: RegExp; keys: string[] }

export type RestDispatcher = (request: Request, deps: Deps, actor: Actor | undefined, body: unknown, client: Client) => Promise<Response>

/** Matches a request against the route table; one place maps errors to the legacy `{ error, details }` body. */
export function createRestRouter(prefix: string, routes: Route[]): RestDispatcher {
  const compiled: Compiled[] = routes.map((r) => {
    const keys: string[] = []
    const pattern = r.path.replace(/:(\w+)/g, (_m, k: string) => (keys.push(k), '([^/]+)'))
    return { ...r, keys, regex: new RegExp(`^${prefix}${pattern}/?$`) }
  })
  return async (request, deps, actor, body, client) => {
    const url = new URL(request.url)
    const matches = compiled.filter((r) => r.regex.test(url.pathname))
    if (matches.length === 0) return json(404, { error: `no route for ${request.method} ${url.pathname}` })
    const route = matches.find((r) => r.method === request.method)
    if (!route) return json(405, { error: `method ${request.method} not allowed`, details: { allowed: matches.map((m) => m.method) } })
    try {
      if (!route.public && !actor) throw new AuthenticationError()
      if (actor && !route.public) meets(actor, requirementOf(route))
      const values = route.regex.exec(url.pathname)!.slice(1)
      const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeSegment(k, values[i]!)]))
      const result = await route.handler({
        deps,
        actor: actor as Actor,
        params,
        query: Object.fromEntries(url.searchParams),
        body,
        request,
        client,
      })
      if (result instanceof Response) return result
      return result === undefined ? new Response(null, { status: 204 }) : json(route.status ?? 200, result)
    } catch (e) {
      const expected = expectedFailureOf(e)
      if (expected) return json(httpStatusOf(expected), restErrorBody(expected), expected instanceof RateLimitedError ? { 'retry-after': String(expected.retryAfterSeconds) } : {})
      throw e
    }
  }
}

export const requirementOf = (route: Route): Requirement => route.scope ?? (route.method === 'GET' ? 'read' : 'write')

/** A path parameter, percent-decoded; malformed encoding (`%zz`) is the client's error, naming the parameter. */
export function decodeSegment(name: string, raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw invalidField([name], 'is not valid percent-encoding')
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } })
}

/** The legacy `{ error, details }` body of an expected failure (issues name their REST field). */
export function restErrorBody(e: DomainError): { error: string; details?: unknown } {
  if (e instanceof ValidationError)
    return {
      error: summarize(e.issues),
      details: { issues: e.issues.map((i) => ({ field: restPath(i.path), message: i.message, node_id: i.nodeId, edge_id: i.edgeId })) },
    }
  if (e instanceof RevisionConflictError) return { error: e.message, details: { current_revision: e.currentRevision } }
  if (e instanceof InvalidTransitionError) return { error: e.message, details: { from: e.from, to: e.to } }
  return { error: e.message }
}

function summarize(issues: ValidationError['issues']): string {
  const [first] = issues
  if (!first) return 'invalid input'
  const head = first.path.length ? `${restPath(first.path)}: ${first.message}` : first.message
  return issues.length > 1 ? `${head} (and ${issues.length - 1} more)` : head
}

/** REST speaks snake_case: the top-level field name is converted, nested data keys are the user's own. */
function restPath(path: (string | number)[]): string {
  return path.map((p, i) => (i === 0 && typeof p === 'string' ? snakeCase(p) : String(p))).join('.')
}
const snakeCase = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
