import { expectedFailureOf, httpStatusOf } from '../errors.ts'
import { receiveWebhook, webhookTokenPrefix, type Deps } from '../services/index.ts'
import { decodeSegment, json, type Route } from './router.ts'

export const HOOKS_PREFIX = '/v1/api/hooks/'

/**
 * POST /v1/api/hooks/:token. Served before the REST router because the signature covers the raw
 * body, which the router only sees parsed. Public: the token and the signature are the credentials.
 */
export async function handleHook(request: Request, deps: Deps, rawBody: string): Promise<Response> {
  if (request.method !== 'POST') return json(405, { error: `method ${request.method} not allowed`, details: { allowed: ['POST'] } })
  if (Buffer.byteLength(rawBody) > deps.config.webhookMaxBytes)
    return json(413, { error: `webhook payload larger than ${deps.config.webhookMaxBytes} bytes` })
  try {
    const token = decodeSegment('token', new URL(request.url).pathname.slice(HOOKS_PREFIX.length).replace(/\/$/, ''))
    const firing = await receiveWebhook(deps, token, request.headers, rawBody)
    if (firing.outcome === 'started') return json(202, { run_id: firing.runId, status: 'running' })
    return json(409, { error: firing.message, details: { outcome: firing.outcome } })
  } catch (e) {
    const expected = expectedFailureOf(e)
    if (expected) return json(httpStatusOf(expected), { error: expected.message })
    throw e
  }
}

/**
 * A path fit for a log line: a webhook URL's token is its credential, so only the prefix the
 * trigger list shows stays (enough to tell which webhook it was).
 */
export function redactHookToken(pathname: string): string {
  return pathname.startsWith(HOOKS_PREFIX) ? `${HOOKS_PREFIX}${webhookTokenPrefix(pathname.slice(HOOKS_PREFIX.length))}…[redacted]` : pathname
}

// Listed for the OpenAPI document only: requests are answered by handleHook (see above).
export const hookRoutes: Route[] = [
  {
    method: 'POST', path: '/hooks/:token', public: true, status: 202,
    summary: 'Webhook trigger: headers X-KubeOrch-Timestamp (Unix s) and X-KubeOrch-Signature: sha256=HMAC-SHA256(secret, "<timestamp>.<raw body>"); JSON body ≤ 64 KiB stored as trigger_data → 202 { run_id }; 401 bad/stale signature, 409 replay or run active',
    handler: async () => {
      throw new Error('webhooks are served by handleHook, before the router')
    },
  },
]
