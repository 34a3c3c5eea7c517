import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { signWebhook } from '../../src/services/triggers/webhook-signature.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { send } from './support/http-probe.ts'
import { createOwnerFixture, type OwnerFixture } from './support/owner-fixture.ts'
import { createTally } from './support/tally.ts'

// Credentials a request carries must not come back in its answer nor reach the log, also when
// the request fails in a way nobody planned for: a webhook URL's token was logged with the path
// of a delivery that failed unexpectedly; the GraphQL server quoted an unparseable body (tokens
// included) in its error.

let t: TestApp
let owner: OwnerFixture
const tally = createTally('secret-echo', 'secrets')

beforeAll(async () => {
  t = await createTestApp()
  owner = await createOwnerFixture(t, 'echoowner')
})
afterAll(async () => {
  tally.report()
  vi.restoreAllMocks()
  await t.close()
})

/** Everything written to the console while `fn` runs, errors with their stacks and causes. */
async function logged<T>(fn: () => Promise<T>): Promise<{ result: T; log: string }> {
  const lines: string[] = []
  const capture = (...args: unknown[]) => lines.push(args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)} ${String(a.cause)}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(capture))
  try {
    return { result: await fn(), log: lines.join('\n') }
  } finally {
    for (const s of spies) s.mockRestore()
  }
}

describe('credentials in failing requests', () => {
  it('a webhook delivery that fails unexpectedly logs its path without the token', async () => {
    const token = owner.webhookUrl.split('/').pop()!
    // A sealed secret that no longer opens (a rotated key, a damaged row): an unexpected failure.
    const row = await t.db.workflowTrigger.findUniqueOrThrow({ where: { id: owner.webhookId } })
    await t.db.workflowTrigger.update({ where: { id: row.id }, data: { secret: new Uint8Array(Buffer.from('not a sealed secret at all')) } })
    try {
      const body = '{"ref":"main"}'
      const ts = Math.floor(Date.now() / 1000)
      const { result: a, log } = await logged(() =>
        send(t, 'POST', owner.webhookUrl, { raw: body, headers: { 'x-kubeorch-timestamp': String(ts), 'x-kubeorch-signature': signWebhook(owner.webhookSecret, ts, body) } }),
      )
      tally.add('webhook token × failure log')
      expect(a.status).toBe(500)
      expect(JSON.stringify(a.body)).not.toContain(token)
      expect(log).toMatch(/unexpected error POST \/v1\/api\/hooks\/wh_\S{5}…\[redacted\]/)
      expect(log).not.toContain(token)
      expect(log).not.toContain(token.slice(3))
    } finally {
      await t.db.workflowTrigger.update({ where: { id: row.id }, data: { secret: row.secret } })
    }
  })

  it('an unparseable GraphQL body is not quoted back nor logged', async () => {
    const secret = `kubeorch_${randomBytes(16).toString('hex')}`
    for (const raw of [`{"query":"{ me { id } }","variables":{"password":"${secret}"`, `{"query":"mutation { login(email: \\"a@b.c\\", password: \\"${secret}\\") { __typename } }" trailing`]) {
      const { result, log } = await logged(async () => {
        const res = await t.app.handle(new Request('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` }, body: raw }))
        return { status: res.status, text: await res.text() }
      })
      tally.add('graphql body × answer and log')
      expect(result.status).toBe(400)
      expect(result.text).toMatch(/POST body sent invalid JSON/)
      expect(result.text).not.toContain(secret)
      expect(log).not.toContain(secret)
    }
  })

  it('unparseable GraphQL variables in a query string or a form body: a 400, not quoted back nor logged (was a 500)', async () => {
    const secret = `kubeorch_${randomBytes(16).toString('hex')}`
    const query = `query=${encodeURIComponent('{ me { id } }')}&variables=${encodeURIComponent(`{"password":"${secret}"`)}`
    for (const request of [
      new Request(`http://test/graphql?${query}`, { headers: { accept: 'application/json' } }),
      new Request('http://test/graphql', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body: query }),
    ]) {
      const { result, log } = await logged(async () => {
        const res = await t.app.handle(request)
        return { status: res.status, text: await res.text() }
      })
      tally.add('graphql query string × answer and log')
      expect(result.status, result.text).toBe(400)
      expect(result.text).toMatch(/variables and extensions must be JSON/)
      expect(result.text).not.toContain(secret)
      expect(log).not.toContain(secret)
    }
  })

  it('an unparseable REST body is not quoted back nor logged', async () => {
    const secret = `pw_${randomBytes(16).toString('hex')}`
    const { result: a, log } = await logged(() => send(t, 'POST', '/v1/api/auth/login', { raw: `{"email":"a@b.c","password":"${secret}"` }))
    tally.add('rest body × answer and log')
    expect(a.status).toBe(400)
    expect(JSON.stringify(a.body)).not.toContain(secret)
    expect(log).not.toContain(secret)
  })
})
