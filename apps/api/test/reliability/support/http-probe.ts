import { expect } from 'vitest'
import type { TestApp } from '../../support/test-app.ts'

export type Answer = { status: number; body: any; type: string; stream?: boolean; thrown?: unknown }

/**
 * Sends one request through the app's fetch handler and reads the answer without trusting it:
 * a thrown handler is reported as status 599, a non-JSON body is kept as text, an event stream is
 * closed at once (so a probe never hangs on a stream it opened).
 */
export async function send(
  t: TestApp,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  let res: Response
  try {
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))
    res = await t.app.handle(
      new Request(`http://test${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      }),
    )
  } catch (thrown) {
    return { status: 599, body: String((thrown as Error)?.stack ?? thrown), type: '', thrown }
  }
  const type = res.headers.get('content-type') ?? ''
  if (type.startsWith('text/event-stream')) {
    await res.body?.cancel()
    return { status: res.status, body: undefined, type, stream: true }
  }
  const text = await res.text()
  let body: unknown = undefined
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = { __notJson: text }
    }
  }
  return { status: res.status, body, type }
}

/** Clean failure: below 500, JSON `{ error: "…" }`, and every validation issue names its field. */
export function expectCleanAnswer(a: Answer, context: string) {
  expect(a.status, `${context} → ${a.status} ${JSON.stringify(a.body)?.slice(0, 400)}`).toBeLessThan(500)
  if (a.status >= 400) {
    expect(a.type, context).toMatch(/application\/json/)
    expect(typeof a.body?.error, `${context}: ${JSON.stringify(a.body)?.slice(0, 300)}`).toBe('string')
    expect(a.body.error.length, context).toBeGreaterThan(0)
    for (const issue of a.body.details?.issues ?? []) expect(typeof issue.field, context).toBe('string')
  }
}
