import { randomBytes } from 'node:crypto'
import { createDb } from '@kubeorch/db'
import { createTestDatabase, type TestDatabase } from '@kubeorch/db/testing'
import { buildApp } from '../../src/app.ts'
import { configSchema, type Config } from '../../src/config.ts'
import { createDeps } from '../../src/deps.ts'
import type { Deps } from '../../src/services/index.ts'

export type TestApp = Awaited<ReturnType<typeof createTestApp>>
export type AppDriver = ReturnType<typeof driverFor>

/** The server context node's HTTP server would give the app for a client at `address`. */
const peer = (address?: string) => (address ? { req: { socket: { remoteAddress: address } } } : {})

type RequestOptions = { token?: string; address?: string; headers?: Record<string, string> }

/** Drives one app in-process through its fetch handler, as REST and GraphQL clients would. */
function driverFor(app: ReturnType<typeof buildApp>) {
  /** `address` is the client's (the TCP peer a server would see); `headers` are added as given. */
  async function rest(method: string, path: string, opts: RequestOptions & { body?: unknown; raw?: string } = {}) {
    const res = await app.handle(
      new Request(`http://test${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
        body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      }),
      peer(opts.address),
    )
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
  }

  /** The raw answer to a GraphQL POST (status, headers such as Set-Cookie). */
  function gqlResponse(query: string, variables: Record<string, unknown> = {}, opts: RequestOptions = {}) {
    return app.handle(
      new Request('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
        body: JSON.stringify({ query, variables }),
      }),
      peer(opts.address),
    )
  }

  async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string, opts: Omit<RequestOptions, 'token'> = {}): Promise<{ data?: T; errors?: any[] }> {
    const res = await gqlResponse(query, variables, { token, ...opts })
    return res.json() as Promise<{ data?: T; errors?: any[] }>
  }

  return { app, rest, gql, gqlResponse }
}

/** The real app over a database of its own, driven in-process through its fetch handler. */
export async function createTestApp(overrides: Partial<Config> = {}) {
  const database: TestDatabase = await createTestDatabase()
  const config = configSchema.parse({
    databaseUrl: database.url,
    jwtSecret: randomBytes(32).toString('hex'),
    encryptionKey: randomBytes(32).toString('base64'),
    // Every in-process request comes from one address ('unknown'): tests sign up many users, so
    // the per-address registration limit is lifted unless a test sets it (auth tests do).
    registrationsPerHour: 100_000,
    ...overrides,
  })
  const deps: Deps = createDeps(config, database.db)
  const { app, rest, gql, gqlResponse } = driverFor(buildApp(deps))
  const replicas: Deps[] = []

  /** Registers a user over REST and returns its session token and id. */
  async function signUp(name = `u${randomBytes(4).toString('hex')}`, opts: { address?: string } = {}) {
    const res = await rest('POST', '/v1/api/auth/register', { body: { email: `${name}@example.test`, password: 'correct horse battery' }, address: opts.address })
    if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`)
    return { token: res.body.token as string, userId: res.body.user.id as string, email: `${name}@example.test` }
  }

  /** A fresh user with a cluster "c1" and an empty draft workflow on it. */
  async function userWithWorkflow(name = 'w') {
    const user = await signUp()
    await rest('POST', '/v1/api/clusters', { token: user.token, body: { name: 'c1' } })
    const res = await rest('POST', '/v1/api/workflows', { token: user.token, body: { name, cluster_id: 'c1' } })
    if (res.status !== 201) throw new Error(`workflow create failed: ${JSON.stringify(res.body)}`)
    return { ...user, workflowId: res.body.id as string }
  }

  /** Another API process on the same database and config (a second replica), driven the same way. */
  function replica() {
    const other = createDeps(config, createDb(database.url))
    replicas.push(other)
    return { ...driverFor(buildApp(other)), deps: other }
  }

  return { app, deps, config, db: database.db, rest, gql, gqlResponse, signUp, userWithWorkflow, replica, close: async () => {
      for (const d of [deps, ...replicas]) {
        await d.background.drain()
        await d.monitors.stopAll()
      }
      for (const d of replicas) await d.db.$disconnect()
      await database.drop()
    },
  }
}
