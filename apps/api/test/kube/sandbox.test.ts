import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createTestDatabase, type TestDatabase } from '@kubeorch/db/testing'
import { configSchema } from '../../src/config.ts'
import { localKeys } from '../../src/local-defaults.ts'
import { startServer, type RunningServer } from '../../src/server.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { kubeconfigPath, testClients, waitForRun } from './support.ts'

// The test control plane plays `npm run sandbox`: the API is given its kubeconfig as the
// sandbox's, as main.ts does with .data/sandbox/kubeconfig.
const clusterNames = async (t: TestApp, token: string) =>
  (await t.rest('GET', '/v1/api/clusters', { token })).body.clusters.map((c: { name: string }) => c.name)

describe('who gets the sandbox cluster', () => {
  let t: TestApp
  let first: { token: string; userId: string }
  beforeAll(async () => {
    t = await createTestApp({ sandboxKubeconfig: kubeconfigPath(), sandboxUsers: ['Listed@example.test', 'dropped@example.test', '@team.test'] })
    first = await t.signUp('first')
  })
  afterAll(() => t.close())

  it('the first account and the listed ones (by email or domain) get it; another account neither sees it nor can name it', async () => {
    expect(await clusterNames(t, first.token)).toEqual(['sandbox'])
    const listed = await t.signUp('listed')
    expect(await clusterNames(t, listed.token)).toEqual(['sandbox'])
    const register = (email: string) => t.rest('POST', '/v1/api/auth/register', { body: { email, password: 'correct horse battery' } })
    expect(await clusterNames(t, (await register('dev@team.test')).body.token)).toEqual(['sandbox'])
    expect(await clusterNames(t, (await register('dev@dream-team.test')).body.token)).toEqual([])

    const other = await t.signUp('other')
    expect(await clusterNames(t, other.token)).toEqual([])
    expect((await t.rest('GET', '/v1/api/clusters/sandbox', { token: other.token })).status).toBe(404)
    expect((await t.rest('POST', '/v1/api/clusters/sandbox/test', { token: other.token })).status).toBe(404)
    const workflow = await t.rest('POST', '/v1/api/workflows', { token: other.token, body: { name: 'mine', cluster_id: 'sandbox' } })
    expect(workflow.status).toBe(400)
    expect(workflow.body.details.issues[0]).toMatchObject({ field: 'cluster_id' })
    expect((await t.gql('{ clusters { name } }', {}, other.token)).data?.clusters).toEqual([])
    expect((await t.gql('{ clusters { name } }', {}, first.token)).data?.clusters).toEqual([{ name: 'sandbox' }])
    expect(await t.db.cluster.count({ where: { ownerId: other.userId } })).toBe(0)
  })

  it('an account taken off the list loses it: nothing deploys to it, then its credentials are gone', async () => {
    const dropped = await t.signUp('dropped')
    expect(await clusterNames(t, dropped.token)).toEqual(['sandbox'])
    const id = (await t.rest('POST', '/v1/api/workflows', { token: dropped.token, body: { name: 'was-allowed', cluster_id: 'sandbox' } })).body.id
    await t.rest('POST', `/v1/api/workflows/${id}/save`, {
      token: dropped.token,
      body: { nodes: [{ id: 'cm', type: 'configmap', position: { x: 0, y: 0 }, data: { name: 'cm', namespace: `sbx-${randomBytes(3).toString('hex')}` } }], edges: [] },
    })
    await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token: dropped.token, body: { status: 'published' } })

    // As if the operator restarted the API with a shorter KUBEORCH_SANDBOX_USERS.
    t.deps.config.sandboxUsers = ['listed@example.test']
    const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token: dropped.token, body: {} })
    const run = await waitForRun(t, dropped.token, id, started.body.run_id)
    expect(run.status).toBe('failed')
    expect(JSON.stringify(run)).toContain('cluster not found')

    // The workflow keeps its cluster (a workflow needs one), without the sandbox's credentials.
    await clusterNames(t, dropped.token)
    const row = await t.db.cluster.findFirstOrThrow({ where: { ownerId: dropped.userId } })
    expect(row).toMatchObject({ name: 'sandbox', credentials: null, server: null })
    expect(await clusterNames(t, first.token)).toEqual(['sandbox'])
  })
})

describe('a terminal on a sandbox pod', () => {
  const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url))
  const dataDir = join(repoRoot, '.data', `test-sandbox-${randomBytes(4).toString('hex')}`)
  const ns = `sbx-${randomBytes(3).toString('hex')}`
  const { core } = testClients()
  let database: TestDatabase
  let server: RunningServer
  let token: string
  let workflowId: string
  let keys: { jwtSecret: string; encryptionKey: string }

  async function api(method: string, path: string, body?: unknown) {
    const res = await fetch(server.url + path, {
      method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }

  /** The product's terminal WebSocket, opened as the web app does; how it authenticates is here only. */
  function openTerminal(nodeId: string) {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/api/workflows/${workflowId}/nodes/${nodeId}/terminal`, { headers: { authorization: `Bearer ${token}` } })
    let output = ''
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString())
      if (m.type === 'stdout' || m.type === 'stderr') output += m.data
    })
    const opened = new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    return {
      opened,
      type: (line: string) => ws.send(JSON.stringify({ type: 'stdin', data: `${line}\n` })),
      until: async (needle: string, timeoutMs = 20_000) => {
        for (const deadline = Date.now() + timeoutMs; !output.includes(needle); await new Promise((r) => setTimeout(r, 50)))
          if (Date.now() > deadline) throw new Error(`no "${needle}" in ${JSON.stringify(output)}`)
        return output
      },
      close: () => ws.close(),
    }
  }

  beforeAll(async () => {
    // Keys where `npm start` keeps them (<repo>/.data/…/keys.json), used by this API.
    keys = localKeys(dataDir)
    database = await createTestDatabase()
    server = await startServer(configSchema.parse({
      port: 0, databaseUrl: database.url, ...keys, sandboxKubeconfig: kubeconfigPath(), runHealthTimeoutMs: 90_000,
    }))
    const reg = await fetch(`${server.url}/v1/api/auth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@example.test', password: 'long enough pw' }),
    })
    token = (await reg.json()).token
    workflowId = (await api('POST', '/v1/api/workflows', { name: 'sbx', cluster_id: 'sandbox' })).body.id
    await api('POST', `/v1/api/workflows/${workflowId}/save`, {
      nodes: [{ id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', namespace: ns, image: 'busybox:1.36', replicas: 1 } }], edges: [],
    })
    await api('PUT', `/v1/api/workflows/${workflowId}/status`, { status: 'published' })
    const runId = (await api('POST', `/v1/api/workflows/${workflowId}/run`, {})).body.run_id
    for (;;) {
      const run = (await api('GET', `/v1/api/workflows/${workflowId}/runs/${runId}`)).body
      if (run.status === 'completed') break
      if (run.status !== 'running') throw new Error(`deploy failed: ${JSON.stringify(run.logs.slice(-5))}`)
      await new Promise((r) => setTimeout(r, 250))
    }
  })
  afterAll(async () => {
    await server?.stop()
    await database?.drop()
    await rm(dataDir, { recursive: true, force: true })
    await core.deleteNamespace({ name: ns }).catch(() => {})
  })

  it('runs echo, but not as root: the keys, PostgreSQL and the API are out of reach', async () => {
    const pgPort = new URL(database.url).port
    const apiPort = new URL(server.url).port
    const term = openTerminal('web')
    await term.opened
    // Markers are computed by the shell, so the terminal's echo of the typed line never matches.
    term.type('echo "ok-$((40+2))"')
    await term.until('ok-42')
    term.type('echo "uid-$(id -u)-$(id -un)"')
    term.type(`cat ${join(dataDir, 'keys.json')}; echo "cat-$((1+1))-exit-$?"`)
    term.type(`(exec 3<>/dev/tcp/127.0.0.1/${pgPort}) 2>/dev/null && echo "pg-$((1+1))-open" || echo "pg-$((1+1))-refused"`)
    term.type(`(exec 3<>/dev/tcp/127.0.0.1/${apiPort}) 2>/dev/null && echo "api-$((1+1))-open" || echo "api-$((1+1))-refused"`)
    term.type('echo "done-$((1+2))"')
    const output = await term.until('done-3')
    term.close()

    expect(output).toMatch(/uid-65534-nobody/)
    expect(output).not.toMatch(new RegExp(`uid-(0|${process.getuid!()})-`))
    expect(output).toContain('No such file or directory')
    expect(output).toContain('cat-2-exit-1')
    expect(output).not.toContain(keys.jwtSecret)
    expect(output).not.toContain(keys.encryptionKey)
    expect(output).toContain('pg-2-refused')
    expect(output).toContain('api-2-refused')
  })
})
