import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parse } from 'graphql'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoundedCache, documentBytes } from '../src/graphql/document-cache.ts'
import { documentShape, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TOKENS } from '../src/graphql/request-limits.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'

let t: TestApp
let token: string
let server: Server
let wsUrl: string
let closeWs: () => Promise<void>
beforeAll(async () => {
  t = await createTestApp()
  ;({ token } = await t.signUp())
  server = createServer(t.app.adapter)
  closeWs = t.app.attachWebSockets(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  wsUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`
})
afterAll(async () => {
  await closeWs()
  server.closeAllConnections()
  await new Promise<void>((r) => server.close(() => r()))
  await t.close()
})

/** An anonymous GraphQL POST; status and body. */
async function post(query: string, variables?: unknown) {
  const res = await t.app.handle(
    new Request('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables }) }),
  )
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } }
}

async function postRaw(body: string) {
  const res = await t.app.handle(new Request('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body }))
  return { status: res.status, body: (await res.json()) as { errors?: { message: string }[] } }
}

/** graphql-ws by hand: init, one subscribe message, then the first answer (or the close code). */
function overWebSocket(message: string): Promise<{ close?: number; message?: any }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, 'graphql-transport-ws')
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })))
    ws.on('message', (data) => {
      const m = JSON.parse(String(data))
      if (m.type === 'connection_ack') return ws.send(message)
      ws.close()
      resolve({ message: m })
    })
    ws.on('close', (code) => resolve({ close: code }))
    ws.on('error', () => {})
  })
}
const subscribe = (query: string, variables?: unknown) => JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } })

describe('GraphQL query limits', () => {
  it('refuses an alias flood before executing anything', async () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ')} }`
    const res = await t.gql(query, {}, token)
    expect(res.data).toBeUndefined()
    expect(res.errors?.[0]?.message).toMatch(/aliases/i)
  })

  it('refuses a query whose fragments nest deeper than allowed', async () => {
    // Fragments spread inside each other through inline fragments add depth without new types.
    const inner = Array.from({ length: 12 }).reduce<string>((acc) => `... on Query { workflows { __typename ${acc} } }`, 'me { id }')
    const res = await t.gql(`{ ${inner} }`, {}, token)
    expect(res.data).toBeUndefined()
    expect(JSON.stringify(res.errors)).toMatch(/depth/i)
  })

  it('still answers an ordinary query', async () => {
    const res = await t.gql(`{ me { email } workflows { ... on QueryWorkflowsSuccess { data { total } } } }`, {}, token)
    expect(res.errors).toBeUndefined()
    expect(res.data.workflows.data.total).toBe(0)
  })
})

describe('GraphQL work bounded before parsing (anonymous requests)', () => {
  it(`a document over ${MAX_DOCUMENT_BYTES} bytes is a 413, over POST and GET, whatever it holds`, async () => {
    const big = `{ me { id } } # ${'x'.repeat(MAX_DOCUMENT_BYTES)}`
    const res = await post(big)
    expect(res.status).toBe(413)
    expect(res.body.errors?.[0]).toMatchObject({ message: `the GraphQL document is larger than ${MAX_DOCUMENT_BYTES} bytes`, extensions: { code: 'DOCUMENT_TOO_LARGE' } })
    const get = await t.app.handle(new Request(`http://test/graphql?query=${encodeURIComponent(big)}`, { headers: { accept: 'application/json' } }))
    expect(get.status).toBe(413)
    // Multi-byte characters count as bytes: 30,000 "é" are 60,000 bytes, under the limit; 40,000 are over.
    expect((await post(`{ me { id } } # ${'é'.repeat(30_000)}`)).status).toBe(200)
    expect((await post(`{ me { id } } # ${'é'.repeat(40_000)}`)).status).toBe(413)
  })

  it(`a document of more than ${MAX_DOCUMENT_TOKENS} tokens is refused as it is lexed (a 5 MB field flood took seconds)`, async () => {
    const res = await post(`{ me { ${'id '.repeat(MAX_DOCUMENT_TOKENS)} } }`)
    expect(res.status).toBe(400)
    expect(res.body.errors?.[0]?.message).toBe(`the GraphQL document has more than ${MAX_DOCUMENT_TOKENS} tokens`)
    // Under the limit it is parsed (and refused for its cost, which needs the parsed document).
    expect(JSON.stringify((await post(`{ me { ${'id '.repeat(MAX_DOCUMENT_TOKENS - 10)} } }`)).body.errors)).not.toMatch(/tokens/)
  })

  it('a literal nested 5,000 levels is a 400 naming the limit, not a 500 "Maximum call stack size exceeded"', async () => {
    for (const levels of [65, 3_000, 5_000, 30_000]) {
      const res = await post(`mutation { runWorkflow(id: "x", triggerData: ${'['.repeat(levels)}${']'.repeat(levels)}) { __typename } }`)
      expect(res.status, `${levels} levels`).toBe(400)
      expect(res.body.errors?.[0]?.message).toMatch(/nests deeper than 64 levels/)
    }
    // 64 levels is within the limit: refused for what it is (anonymous), not for its depth.
    const ok = await post(`mutation { runWorkflow(id: "x", triggerData: ${'['.repeat(62)}${']'.repeat(62)}) { __typename } }`)
    expect(JSON.stringify(ok.body)).not.toMatch(/nests deeper/)
  })

  it('variables nested deeper than 64 levels are a 400 naming the variable', async () => {
    // Written as text: JSON.stringify itself overflows on such a value.
    const deep = `${'{"a":['.repeat(5_000)}1${']}'.repeat(5_000)}`
    const res = await postRaw(`{"query":"mutation($d: JSON) { runWorkflow(id: \\"x\\", triggerData: $d) { __typename } }","variables":{"d":${deep}}}`)
    expect(res.status).toBe(400)
    expect(res.body.errors?.[0]?.message).toMatch(/^variables\.d\.a\.0\.a\.0\.a: nests deeper than 64 levels/)
  })

  it("bracket nesting and tokens are counted by the GraphQL lexer: outside strings, block strings and comments", () => {
    const nesting = (q: string) => documentShape(q).nesting
    expect(nesting('{ a(x: "{{{{[[[[") { b { c } } }')).toBe(3)
    expect(nesting('{ a(x: """ {{{ \\""" [[[ """) }')).toBe(2)
    expect(nesting('# {{{{{{\n{ a }')).toBe(1)
    expect(nesting('{ a(x: "\\"{{{") }')).toBe(2)
    expect(documentShape(`{ ${'a '.repeat(MAX_DOCUMENT_TOKENS)}}`).tooManyTokens).toBe(true)
    expect(documentShape(`{ ${'a '.repeat(MAX_DOCUMENT_TOKENS - 3)}}`).tooManyTokens).toBe(false)
  })

  it('graphql-ws takes no message larger than an HTTP body and applies the same document limits', async () => {
    // ws accepted 12 MB messages (its default limit is 100 MiB) though HTTP bodies stop at 5 MiB.
    const huge = await overWebSocket(subscribe(`subscription { workflowEvents(workflowId: "x") { type } } # ${'x'.repeat(t.deps.config.maxBodyBytes)}`))
    expect(huge.close).toBe(1009) // message too big
    const big = await overWebSocket(subscribe(`subscription { workflowEvents(workflowId: "x") { type } } # ${'x'.repeat(MAX_DOCUMENT_BYTES)}`))
    expect(big.message).toMatchObject({ type: 'error', payload: [{ message: `the GraphQL document is larger than ${MAX_DOCUMENT_BYTES} bytes` }] })
    const deep = await overWebSocket(subscribe(`subscription { workflowEvents(workflowId: ${'['.repeat(5000)}${']'.repeat(5000)}) { type } }`))
    expect(deep.message).toMatchObject({ type: 'error', payload: [{ message: expect.stringMatching(/nests deeper than 64 levels/) }] })
    const nested = `${'['.repeat(5_000)}"x"${']'.repeat(5_000)}`
    const deepVariables = await overWebSocket(subscribe('subscription($w: ID!) { workflowEvents(workflowId: $w) { type } }', { w: 0 }).replace('"w":0', `"w":${nested}`))
    expect(deepVariables.message).toMatchObject({ type: 'error', payload: [{ message: expect.stringMatching(/^variables\.w\.0\.0/) }] })
    const tokens = await overWebSocket(subscribe(`subscription { workflowEvents(workflowId: "x") { ${'type '.repeat(3000)} } }`))
    expect(tokens.message).toMatchObject({ type: 'error', payload: [{ message: expect.stringMatching(/tokens/) }] })
  })

  it('the GraphQL server does not echo an unparseable body back (it quoted the body, tokens included)', async () => {
    const secret = `tok_${randomBytes(12).toString('hex')}`
    const res = await t.app.handle(new Request('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query":"{ me { id } }","variables":{"password":"${secret}"` }))
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).toMatch(/POST body sent invalid JSON/)
    expect(text).not.toContain(secret)
  })
})

describe('the parse cache is bounded by bytes', () => {
  it('keeps recently used entries up to its budget and skips entries over the entry limit', () => {
    const cache = createBoundedCache<string>({ maxBytes: 100, maxEntryBytes: 40, weigh: (k) => k.length })
    for (let i = 0; i < 10; i++) cache.set(`${i}`.padEnd(30, '.'), 'v')
    expect(cache.bytes).toBeLessThanOrEqual(100)
    expect(cache.size).toBe(3)
    expect(cache.get('9'.padEnd(30, '.'))).toBe('v')
    expect(cache.get('0'.padEnd(30, '.'))).toBeUndefined()
    // Reading an entry makes it the last to go.
    cache.get('7'.padEnd(30, '.'))
    cache.set('a'.padEnd(30, '.'), 'v')
    expect(cache.get('7'.padEnd(30, '.'))).toBe('v')
    expect(cache.get('8'.padEnd(30, '.'))).toBeUndefined()
    cache.set('x'.repeat(41), 'v')
    expect(cache.get('x'.repeat(41))).toBeUndefined()
  })

  it('weighs a parsed document by its tokens and text', () => {
    const small = '{ me { id } }'
    const flood = `{ me { ${'id '.repeat(1000)} } }`
    expect(documentBytes(small, parse(small))).toBeLessThan(10_000)
    expect(documentBytes(flood, parse(flood))).toBeGreaterThan(1000 * 256)
  })
})
