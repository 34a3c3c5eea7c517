import { expect } from 'vitest'
import type { TestApp } from '../../support/test-app.ts'

export type GqlAnswer = { status: number; body: any; thrown?: unknown }

/** One GraphQL request over HTTP through the app, answer read without trusting it. */
export async function sendGql(t: TestApp, payload: unknown, opts: { token?: string; raw?: string } = {}): Promise<GqlAnswer> {
  try {
    const res = await t.app.handle(
      new Request('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        body: opts.raw ?? JSON.stringify(payload),
        signal: AbortSignal.timeout(15_000),
      }),
    )
    const text = await res.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = { __notJson: text }
    }
    return { status: res.status, body }
  } catch (thrown) {
    return { status: 599, body: String((thrown as Error)?.stack ?? thrown), thrown }
  }
}

/**
 * A subscription over SSE (yoga): reads up to the first event or `ms`, then hangs up. Returns the
 * text received, so the caller can look for an error or data.
 */
export async function firstSseEvent(t: TestApp, query: string, variables: Record<string, unknown>, token: string, ms = 3000): Promise<{ status: number; text: string }> {
  const ac = new AbortController()
  const timer = setTimeout(() => ac.abort(), ms)
  try {
    const res = await t.app.handle(
      new Request('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: ac.signal,
      }),
    )
    if (!res.body) return { status: res.status, text: '' }
    const reader = res.body.getReader()
    let text = ''
    try {
      while (!/\n\n/.test(text.replace(/^:.*\n\n/gm, ''))) {
        const chunk = await Promise.race([reader.read(), new Promise<{ done: true; value: undefined }>((r) => ac.signal.addEventListener('abort', () => r({ done: true, value: undefined })))])
        if (chunk.done) break
        text += new TextDecoder().decode(chunk.value)
      }
    } finally {
      await reader.cancel().catch(() => {})
    }
    return { status: res.status, text }
  } finally {
    clearTimeout(timer)
  }
}

/** True when the field answered with its success type (not an error type, not a top-level error). */
export function succeeded(a: GqlAnswer, field: string, errorTypes: Set<string>): boolean {
  if (a.body?.errors?.length) return false
  const value = a.body?.data?.[field]
  if (value === undefined || value === null) return false
  return !(value && typeof value === 'object' && errorTypes.has((value as { __typename?: string }).__typename ?? ''))
}

/** No 5xx, JSON, and no masked internal error ("Unexpected error.") anywhere. */
export function expectCleanGql(a: GqlAnswer, context: string) {
  const shown = `${context} → ${a.status} ${JSON.stringify(a.body)?.slice(0, 500)}`
  expect(a.status, shown).toBeLessThan(500)
  expect(a.body?.__notJson, shown).toBeUndefined()
  for (const e of a.body?.errors ?? []) {
    expect(typeof e.message, shown).toBe('string')
    expect(e.message, shown).not.toMatch(/^Unexpected error/)
  }
  expect(JSON.stringify(a.body?.data ?? null), shown).not.toMatch(/Unexpected error/)
  if (!a.body?.errors?.length) expect(a.body?.data, shown).toBeTruthy()
}
