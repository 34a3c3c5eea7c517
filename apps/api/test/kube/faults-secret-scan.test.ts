import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { format } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BatchV1Api, KubeConfig } from '@kubernetes/client-node'
import { signWebhook } from '../../src/services/triggers/webhook-signature.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { dbSnapshot } from '../reliability/support/db-snapshot.ts'
import { createTally } from '../reliability/support/tally.ts'
import { kubeconfigPath, testClients, waitForRun } from './support.ts'

// SPEC §13: cluster credentials and secret values are never returned by any API and never written
// to logs or run logs. A full lifecycle against the real control plane — clusters registered from
// a kubeconfig and from server + token, a secret node whose value is rotated, three runs (manual
// REST, GraphQL, signed webhook), versions, compare, restore, run records, live events, node logs,
// diagnostics — then every answer, every event, every database row (run logs, version snapshots,
// node states…), everything the server printed, and every non-Secret object it deployed is
// searched for every secret.

const ns = `scan-${randomBytes(3).toString('hex')}`
const VALUE_1 = `pw-first-${randomBytes(6).toString('hex')}`
const VALUE_2 = `pw-rotated-${randomBytes(6).toString('hex')}`
const FAKE_TOKEN = `bearer-${randomBytes(16).toString('hex')}`
const tally = createTally('secret-scan', 'secrets', 'secret×place checks')

let t: TestApp
let token: string
let id: string
let webhookSecret = ''
const seen: { what: string; text: string }[] = []
const printed: string[] = []
const restore: (() => void)[] = []

/** Keeps every answer for the final scan. */
function keep<T>(what: string, value: T): T {
  seen.push({ what, text: typeof value === 'string' ? value : JSON.stringify(value) })
  return value
}
async function rest(method: string, path: string, body?: unknown) {
  const res = await t.rest(method, path, { token, body })
  keep(`${method} ${path}`, res)
  return res
}
async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await t.gql(query, variables, token)
  keep(`graphql ${query.slice(0, 60)}`, res)
  if (res.errors) throw new Error(JSON.stringify(res.errors))
  return res.data
}
async function sseText(path: string, ms: number): Promise<string> {
  const ac = new AbortController()
  const timer = setTimeout(() => ac.abort(), ms)
  const res = await t.app.handle(new Request(`http://test${path}`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal }))
  let text = ''
  try {
    const reader = res.body!.getReader()
    for (;;) {
      const next = await Promise.race([reader.read(), new Promise<{ done: true }>((r) => ac.signal.addEventListener('abort', () => r({ done: true })))])
      if (next.done) break
      text += new TextDecoder().decode((next as { value: Uint8Array }).value)
    }
    await reader.cancel().catch(() => {})
  } finally {
    clearTimeout(timer)
  }
  keep(`sse ${path}`, text)
  return text
}

const design = (value: string | undefined) => ({
  nodes: [
    { id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', namespace: ns, image: 'nginx:1.27', replicas: 1, ports: [{ containerPort: 80 }] } },
    { id: 'svc', type: 'service', position: { x: 300, y: 0 }, data: { name: 'web', namespace: ns, port: 80 } },
    { id: 'creds', type: 'secret', position: { x: 0, y: 200 }, data: { name: 'creds', namespace: ns, entries: [{ key: 'password', ...(value ? { value } : {}) }], mountPath: '/etc/creds' } },
    { id: 'cfg', type: 'configmap', position: { x: 300, y: 200 }, data: { name: 'cfg', namespace: ns, data: { LEVEL: 'debug' }, mountPath: '/etc/cfg' } },
  ],
  edges: [
    { id: 'e1', source: 'svc', target: 'web' },
    { id: 'e2', source: 'creds', target: 'web' },
    { id: 'e3', source: 'cfg', target: 'web' },
  ],
})

beforeAll(async () => {
  // Everything the server prints (console and raw stdout/stderr) is kept for the scan.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level]
    console[level] = (...args: unknown[]) => (printed.push(format(...args)), original.apply(console, args))
    restore.push(() => (console[level] = original))
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream)
    stream.write = ((chunk: unknown, ...rest: unknown[]) => (printed.push(String(chunk)), (original as (...a: unknown[]) => boolean)(chunk, ...rest))) as typeof stream.write
    restore.push(() => (stream.write = original as typeof stream.write))
  }
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('scanner'))
})
afterAll(async () => {
  for (const undo of restore) undo()
  tally.report()
  await t?.close()
})

function credentials(): string[] {
  const kubeconfig = readFileSync(kubeconfigPath(), 'utf8')
  const fields = [...kubeconfig.matchAll(/(?:client-key-data|client-certificate-data|token|password):\s*(\S+)/g)].map((m) => m[1]!)
  // Also the decoded PEM bodies, in case something printed the key rather than the field.
  const pem = fields.flatMap((f) => Buffer.from(f, 'base64').toString('utf8').split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----')).slice(0, 3))
  return [...fields, ...pem]
}

describe('secret values and cluster credentials never leave the server', () => {
  it('a full lifecycle', async () => {
    const kubeconfig = readFileSync(kubeconfigPath(), 'utf8')
    const server = /server:\s*(\S+)/.exec(kubeconfig)![1]!
    expect(new URL(server).hostname).toBe('127.0.0.1')

    // Clusters: from a kubeconfig (REST), contexts listed (GraphQL), server + token (GraphQL), tested, updated.
    expect((await rest('POST', '/v1/api/clusters', { name: 'testenv', kubeconfig })).status).toBe(201)
    await gql('query($k: String!) { kubeconfigContexts(kubeconfig: $k) { __typename ... on QueryKubeconfigContextsSuccess { data { name cluster server } } } }', { k: kubeconfig }).catch(() => gql('query($k: String!) { kubeconfigContexts(kubeconfig: $k) { name cluster server } }', { k: kubeconfig }))
    await gql(
      'mutation($i: ClusterInput!) { createCluster(input: $i) { __typename ... on MutationCreateClusterSuccess { data { id name server status statusMessage hasCredentials } } ... on Error { message } } }',
      { i: { name: 'by-token', connection: { server, token: FAKE_TOKEN, insecureSkipTlsVerify: true } } },
    )
    await rest('POST', '/v1/api/clusters/by-token/test')
    await rest('PUT', '/v1/api/clusters/testenv', { kubeconfig })
    await rest('POST', '/v1/api/clusters/testenv/test')
    await rest('GET', '/v1/api/clusters')
    await gql('{ clusters { id name server status statusMessage hasCredentials } }')

    // A workflow with a secret; three runs; the value rotated between them.
    id = (await rest('POST', '/v1/api/workflows', { name: 'scanned', cluster_id: 'testenv' })).body.id
    expect((await rest('POST', `/v1/api/workflows/${id}/save`, { ...design(VALUE_1), revision: 0 })).status).toBe(200)
    await rest('POST', `/v1/api/workflows/${id}/versions`, { name: 'with secret', tag: 'v1' })
    await rest('PUT', `/v1/api/workflows/${id}/status`, { status: 'published' })
    const events = sseText(`/v1/api/workflows/${id}/status/stream`, 25_000)
    const run1 = (await rest('POST', `/v1/api/workflows/${id}/run`, {})).body.run_id
    expect(keep('run 1', await waitForRun(t, token, id, run1)).status).toBe('completed')

    const wf = await rest('GET', `/v1/api/workflows/${id}`)
    await gql('mutation($id: ID!, $n: JSON!, $e: JSON!, $r: Int) { saveWorkflow(id: $id, nodes: $n, edges: $e, revision: $r) { __typename } }', { id, n: design(VALUE_2).nodes, e: design(VALUE_2).edges, r: wf.body.revision })
    const run2 = (await gql('mutation($id: ID!) { runWorkflow(workflowId: $id) { ... on MutationRunWorkflowSuccess { data { runId } } } }', { id })).runWorkflow.data.runId
    expect(keep('run 2', await waitForRun(t, token, id, run2)).status).toBe('completed')

    const hook = await rest('POST', `/v1/api/workflows/${id}/triggers`, { kind: 'webhook', name: 'ci' })
    webhookSecret = hook.body.secret
    seen.pop() // the one answer that shows the webhook secret, by design (once)
    const body = JSON.stringify({ ref: 'main' })
    const ts = Math.floor(Date.now() / 1000)
    const delivered = await t.app.handle(new Request(`http://test${hook.body.url}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kubeorch-timestamp': String(ts), 'x-kubeorch-signature': signWebhook(webhookSecret, ts, body) }, body }))
    const run3 = keep('webhook', await delivered.json()) as { run_id: string }
    expect(delivered.status).toBe(202)
    expect(keep('run 3', await waitForRun(t, token, id, run3.run_id)).status).toBe('completed')
    await events

    // Everything a user can read about it.
    await rest('GET', `/v1/api/workflows/${id}/versions?limit=100`)
    const versions = (await rest('GET', `/v1/api/workflows/${id}/versions?limit=100`)).body.versions as { version: number }[]
    for (const v of versions) await rest('GET', `/v1/api/workflows/${id}/versions/${v.version}`)
    const numbers = versions.map((v) => v.version)
    for (const a of numbers) for (const b of numbers) if (a < b) await rest('GET', `/v1/api/workflows/${id}/versions/compare?v1=${a}&v2=${b}&include_position=true`)
    await gql('query($id: ID!, $a: Int!, $b: Int!) { compareVersions(workflowId: $id, v1: $a, v2: $b) { ... on QueryCompareVersionsSuccess { data { graph manifests } } } }', { id, a: Math.min(...numbers), b: Math.max(...numbers) })
    await gql('query($id: ID!) { versions(workflowId: $id, limit: 100) { ... on QueryVersionsSuccess { data { items { version nodes edges manifests } } } } }', { id })
    await rest('POST', `/v1/api/workflows/${id}/versions/1/restore`)
    await rest('GET', `/v1/api/workflows/${id}/runs?limit=100`)
    for (const r of [run1, run2, run3.run_id]) {
      await rest('GET', `/v1/api/workflows/${id}/runs/${r}`)
      await gql('query($w: ID!, $r: ID!) { run(workflowId: $w, runId: $r) { ... on QueryRunSuccess { data { status error triggerData nodeStates { nodeId state message objects } logs { message } } } } }', { w: id, r })
    }
    await gql('query($id: ID!) { workflow(id: $id) { ... on QueryWorkflowSuccess { data { nodes edges cluster { id name server statusMessage } } } } }', { id })
    for (const node of ['web', 'svc', 'creds', 'cfg']) {
      await rest('GET', `/v1/api/workflows/${id}/nodes/${node}/diagnostics`)
      await sseText(`/v1/api/workflows/${id}/nodes/${node}/logs/stream?follow=false&tail_lines=50`, 5000)
    }
    await rest('POST', `/v1/api/workflows/${id}/clone`, { name: 'scanned copy' })
    await rest('GET', '/v1/api/workflows')
    tally.add('lifecycle answers', seen.length)
  })

  it('no secret in any answer, event, database row, printed line or deployed non-Secret object', async () => {
    expect(id, 'the lifecycle ran').toBeTruthy()
    const secrets = [
      VALUE_1, VALUE_2, Buffer.from(VALUE_1).toString('base64'), Buffer.from(VALUE_2).toString('base64'),
      FAKE_TOKEN, webhookSecret, ...credentials(),
    ].filter((s) => s && s.length >= 12)
    expect(secrets.length).toBeGreaterThan(6)

    const kc = new KubeConfig()
    kc.loadFromFile(kubeconfigPath())
    const { core, apps } = testClients()
    const batch = kc.makeApiClient(BatchV1Api)
    const objects = await Promise.all([
      apps.listNamespacedDeployment({ namespace: ns }),
      core.listNamespacedService({ namespace: ns }),
      core.listNamespacedConfigMap({ namespace: ns }),
      core.listNamespacedPod({ namespace: ns }),
      core.listNamespacedEvent({ namespace: ns }),
      batch.listNamespacedJob({ namespace: ns }),
    ])
    const places: { what: string; text: string }[] = [
      ...seen,
      { what: 'database (every table)', text: await dbSnapshot(t.db) },
      { what: 'server output', text: printed.join('\n') },
      { what: `cluster objects in ${ns}`, text: JSON.stringify(objects) },
    ]
    let scanned = 0
    for (const place of places)
      for (const secret of secrets) {
        scanned++
        expect(place.text.includes(secret), `${place.what} contains a secret (${secret.slice(0, 6)}…)`).toBe(false)
      }
    tally.add('places scanned', places.length)
    tally.add('secret×place checks', scanned)

    // The values did reach the cluster, only inside the Secret itself.
    const secret = await core.readNamespacedSecret({ name: 'creds', namespace: ns })
    expect(Buffer.from(secret.data!.password!, 'base64').toString()).toBe(VALUE_2)
  })
})
