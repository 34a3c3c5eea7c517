import { randomBytes } from 'node:crypto'
import { checkKubeconfig } from '@kubeorch/kube'
import { createKubeconfigProbe, type KubeconfigProbe } from '@kubeorch/kube/testing'
import { stringify } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server.ts'
import { openConnection, sealConnection } from '../src/services/clusters/cluster-connection.ts'
import { openNodeTerminal } from '../src/services/index.ts'
import { createSealer } from '../src/services/secrets/seal.ts'
import { sampleGraph } from './support/sample-graph.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'

// Issue 13 §1: clusters stored before the strict check are checked again when the API starts.
// Rows are written as an older version stored them (its whole kubeconfig, sealed), then the real
// server is started on the same database: refused ones are marked UNUSABLE with the reason and
// are never loaded (testing and running refuse); safe ones are rewritten in the minimal form.

let t: TestApp
let probe: KubeconfigProbe
let server: RunningServer
let token: string
let userId: string
let workflowId: string
const ids: Record<string, string> = {}

const cluster = () => ({ server: probe.server, 'insecure-skip-tls-verify': true })
const exec = () => ({ apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', args: ['-c', probe.command] })
/** Safe for context a, but the whole kubeconfig: another context's user runs a plugin. */
const storedWhole = () => ({
  kubeconfig: text(
    [{ name: 'u', user: { token: 'inline-token-1234' } }, { name: 'aws', user: { exec: exec() } }],
    [{ name: 'a', context: { cluster: 'c', user: 'u' } }, { name: 'eks', context: { cluster: 'c', user: 'aws' } }],
  ),
  context: 'a',
})
const text = (users: unknown[], contexts: unknown[]) =>
  stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c', cluster: cluster() }], users, contexts, 'current-context': 'a' })

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: await res.json().catch(() => undefined) }
}

beforeAll(async () => {
  t = await createTestApp()
  probe = await createKubeconfigProbe()
  const user = await t.signUp('legacy')
  token = user.token
  userId = user.userId
  const stored = {
    // The chosen context's user runs a plugin (the old check passed it when a duplicate hid it).
    'legacy-exec': { kubeconfig: text([{ name: 'u', user: { exec: exec() } }], [{ name: 'a', context: { cluster: 'c', user: 'u' } }]), context: 'a' },
    'legacy-duplicate': {
      kubeconfig: text(
        [{ name: 'u', user: { token: 'inline-token-1234' } }, { name: 'evil', user: { exec: exec() } }],
        [{ name: 'a', context: { cluster: '', user: 'u' } }, { name: 'a', context: { cluster: 'c', user: 'evil' } }],
      ),
      context: 'a',
    },
    'legacy-token-file': { kubeconfig: text([{ name: 'u', user: { tokenFile: probe.secretFile } }], [{ name: 'a', context: { cluster: 'c', user: 'u' } }]), context: 'a' },
    'legacy-whole': storedWhole(),
  }
  for (const [name, connection] of Object.entries(stored)) {
    const row = await t.db.cluster.create({ data: { name, ownerId: user.userId, server: probe.server, credentials: sealConnection(t.deps.sealer, connection), status: 'CONNECTED' } })
    ids[name] = row.id
  }
  const otherKey = createSealer(randomBytes(32).toString('base64'))
  ids['other-key'] = (await t.db.cluster.create({ data: { name: 'other-key', ownerId: user.userId, credentials: sealConnection(otherKey, stored['legacy-exec']) } })).id

  // A deployed workflow on the refused cluster: at start its monitor would be resumed.
  const wf = await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'shop', cluster_id: 'legacy-exec' } })
  workflowId = wf.body.id
  await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token, body: sampleGraph() })
  await t.rest('PUT', `/v1/api/workflows/${workflowId}/status`, { token, body: { status: 'published' } })
  const version = await t.rest('POST', `/v1/api/workflows/${workflowId}/versions`, { token, body: { name: 'v1' } })
  await t.db.workflowRun.create({ data: { workflowId, version: version.body.version, status: 'COMPLETED', completedAt: new Date() } })

  server = await startServer({ ...t.deps.config, port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  await server?.stop()
  await probe.close()
  await t.close()
})

describe('start-up re-check of stored clusters', () => {
  it('marks refused clusters unusable with the reason, never a credential', async () => {
    // REST lists answer KubeOrch's status words (an unusable cluster is `error` there); the reason says why.
    const { body } = await api('GET', '/v1/api/clusters')
    const byName = Object.fromEntries(body.clusters.map((c: { name: string }) => [c.name, c]))
    expect(byName['legacy-exec']).toMatchObject({ status: 'error', has_credentials: true, status_message: expect.stringMatching(/users\[0\]\.user\.exec: is an exec credential plugin.*register the cluster's kubeconfig or token again/) })
    expect(byName['legacy-duplicate']).toMatchObject({ status: 'error', status_message: expect.stringMatching(/contexts\[1\]\.name: "a" is also the name of contexts\[0\]/) })
    expect(byName['legacy-token-file']).toMatchObject({ status: 'error', status_message: expect.stringMatching(/users\[0\]\.user\.tokenFile: names a file/) })
    expect(byName['legacy-whole'].status).toBe('connected')
    // Credentials this server cannot decrypt are left as they were, not condemned.
    expect(byName['other-key'].status).toBe('unknown')
    expect(JSON.stringify(body)).not.toContain(probe.secretFile)
    expect(JSON.stringify(body)).not.toContain(probe.marker)
    const gql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ clusters { name status statusMessage } }' }),
    }).then((r) => r.json())
    expect(gql.data.clusters.find((c: { name: string }) => c.name === 'legacy-exec')).toMatchObject({ status: 'UNUSABLE', statusMessage: expect.stringContaining('users[0].user.exec') })
  })

  it('rewrites a stored kubeconfig that passes into the minimal form', async () => {
    const row = await t.db.cluster.findUniqueOrThrow({ where: { id: ids['legacy-whole']! } })
    const stored = openConnection(t.deps.sealer, row.credentials!)
    const check = checkKubeconfig(stored.kubeconfig, { context: 'a' })
    expect(check.ok && check.minimal).toBe(stored.kubeconfig)
    expect(stored.kubeconfig).not.toMatch(/exec|aws|eks/)
  })

  it('refuses to test, run, watch, read logs, diagnose or open a terminal on an unusable cluster, and never runs or reads what it names', async () => {
    const tested = await api('POST', '/v1/api/clusters/legacy-exec/test')
    expect(tested.status).toBe(409)
    expect(tested.body.error).toMatch(/^cluster legacy-exec cannot be used: stored credentials refused \(users\[0\]\.user\.exec/)
    expect((await api('POST', '/v1/api/clusters/legacy-token-file/test')).status).toBe(409)
    const runs = await t.db.workflowRun.count({ where: { workflowId } })
    const run = await api('POST', `/v1/api/workflows/${workflowId}/run`, {})
    expect(run.status).toBe(409)
    expect(run.body.error).toMatch(/cluster legacy-exec cannot be used/)
    expect(await t.db.workflowRun.count({ where: { workflowId } })).toBe(runs)
    for (const path of ['logs/stream', 'diagnostics']) {
      const res = await api('GET', `/v1/api/workflows/${workflowId}/nodes/web/${path}`)
      expect(res.status, path).toBe(409)
      expect(res.body.error, path).toMatch(/cluster legacy-exec cannot be used/)
    }
    await expect(openNodeTerminal(t.deps, { userId }, workflowId, 'web', {})).rejects.toMatchObject({ code: 'CLUSTER_UNUSABLE' })
    const status = await t.db.cluster.findUniqueOrThrow({ where: { id: ids['legacy-exec']! } })
    expect(status.status).toBe('UNUSABLE')
    expect(probe.commandRan()).toBe(false)
    expect(probe.filesRead()).toEqual([])
  })

  it('a stored kubeconfig not in the checked form (written after start, by an older replica) is refused when loaded and marked unusable', async () => {
    const connection = storedWhole()
    const row = await t.db.cluster.create({ data: { name: 'late-write', ownerId: userId, credentials: sealConnection(t.deps.sealer, connection) } })
    const res = await api('POST', '/v1/api/clusters/late-write/test')
    expect(res.status).toBe(409)
    expect(res.body.error).toMatch(/not in the form KubeOrch stores/)
    expect((await t.db.cluster.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('UNUSABLE')
    expect(probe.commandRan()).toBe(false)
  })

  it('new credentials make the cluster usable again', async () => {
    const kubeconfig = text([{ name: 'u', user: { token: 'inline-token-1234' } }], [{ name: 'a', context: { cluster: 'c', user: 'u' } }])
    const res = await api('PUT', '/v1/api/clusters/legacy-exec', { kubeconfig })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('unreachable') // tested at once: the probe answers 401
    expect(res.body.status_message).toMatch(/credentials were rejected/)
  })
})
