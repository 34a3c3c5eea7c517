import { createKubeconfigProbe, type KubeconfigProbe } from '@kubeorch/kube/testing'
import { stringify } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openConnection } from '../src/services/clusters/cluster-connection.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'

// Issue 13 §1: an uploaded kubeconfig can never make the server run a command or read a file.
// Each shape the outside probe found (and its neighbours) against REST and GraphQL: refused with a
// 400 naming the field inside the kubeconfig, nothing written, nothing run, nothing read.

let t: TestApp
let token: string
let probe: KubeconfigProbe
beforeAll(async () => {
  t = await createTestApp()
  ;({ token } = await t.signUp('kubeconfigs'))
  probe = await createKubeconfigProbe()
})
afterAll(async () => {
  await probe.close()
  await t.close()
})

const server = () => ({ server: probe.server, 'insecure-skip-tls-verify': true })
const exec = () => ({ apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', args: ['-c', probe.command], interactiveMode: 'Never' })
const kubeconfig = (doc: { clusters?: unknown[]; users?: unknown[]; contexts?: unknown[]; current?: string }) =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: doc.clusters ?? [{ name: 'c', cluster: server() }],
    users: doc.users ?? [{ name: 'u', user: { token: 'inline-token-1234' } }],
    contexts: doc.contexts ?? [{ name: 'a', context: { cluster: 'c', user: 'u' } }],
    ...(doc.current ? { 'current-context': doc.current } : {}),
  })

async function register(name: string, body: Record<string, unknown>) {
  const res = await t.rest('POST', '/v1/api/clusters', { token, body: { name, ...body } })
  if (res.status === 201) await t.rest('POST', `/v1/api/clusters/${res.body.id}/test`, { token })
  return res
}

async function expectRefused(name: string, body: Record<string, unknown>, field: string, message: RegExp) {
  const res = await register(name, body)
  expect(res.status, JSON.stringify(res.body)).toBe(400)
  expect(res.body.details.issues[0]).toMatchObject({ field, message: expect.stringMatching(message) })
  expect(await t.db.cluster.count({ where: { name } })).toBe(0)
  expect(probe.commandRan()).toBe(false)
  expect(probe.filesRead()).toEqual([])
  expect(probe.leaks()).toEqual([])
}

describe('registering a cluster from a kubeconfig', () => {
  it('the probe’s shape: a context client-node drops (its cluster has an empty name) shadowing one whose user runs a plugin: 400, nothing stored, nothing runs', async () => {
    // Read by name, the first "prod" names cluster "" (which exists) and a token user; client-node
    // drops the nameless cluster and that context, and uses the second "prod", whose user has exec.
    const text = kubeconfig({
      clusters: [{ name: '', cluster: server() }, { name: 'c', cluster: server() }],
      users: [{ name: 'ok', user: { token: 'inline-token-1234' } }, { name: 'evil', user: { exec: exec() } }],
      contexts: [{ name: 'prod', context: { cluster: '', user: 'ok' } }, { name: 'prod', context: { cluster: 'c', user: 'evil' } }],
      current: 'prod',
    })
    await expectRefused('shadowed', { kubeconfig: text }, 'connection.kubeconfig.clusters.0.name', /is required/)
    await expectRefused('shadowed-chosen', { kubeconfig: text, context: 'prod' }, 'connection.kubeconfig.clusters.0.name', /is required/)
  })

  it('two contexts of one name: 400 naming the second, nothing stored', async () => {
    const text = kubeconfig({
      users: [{ name: 'ok', user: { token: 'inline-token-1234' } }, { name: 'evil', user: { exec: exec() } }],
      contexts: [{ name: 'prod', context: { cluster: 'c', user: 'ok' } }, { name: 'prod', context: { cluster: 'c', user: 'evil' } }],
      current: 'prod',
    })
    await expectRefused('dup-contexts', { kubeconfig: text }, 'connection.kubeconfig.contexts.1.name', /"prod" is also the name of contexts\[0\]/)
  })

  it('two users or clusters of one name, and a context naming a missing user: 400 naming the entry', async () => {
    const users = [{ name: 'u', user: { token: 'inline-token-1234' } }, { name: 'u', user: { exec: exec() } }]
    await expectRefused('dup-users', { kubeconfig: kubeconfig({ users }) }, 'connection.kubeconfig.users.1.name', /also the name of users\[0\]/)
    const clusters = [{ name: 'c', cluster: server() }, { name: 'c', cluster: { ...server(), 'certificate-authority': probe.secretFile } }]
    await expectRefused('dup-clusters', { kubeconfig: kubeconfig({ clusters }) }, 'connection.kubeconfig.clusters.1.name', /also the name of clusters\[0\]/)
    const contexts = [{ name: 'a', context: { cluster: 'c', user: 'nobody' } }]
    await expectRefused('dangling', { kubeconfig: kubeconfig({ contexts }) }, 'connection.kubeconfig.contexts.0.context.user', /names user "nobody", which the kubeconfig does not define/)
  })

  it('every field that names a file is refused, in either spelling, and never read', async () => {
    for (const key of ['tokenFile', 'token-file', 'client-certificate', 'client-key'])
      await expectRefused(`path-${key.toLowerCase()}`, { kubeconfig: kubeconfig({ users: [{ name: 'u', user: { [key]: probe.secretFile } }] }) }, `connection.kubeconfig.users.0.user.${key}`, /names a file/)
    await expectRefused('path-ca', { kubeconfig: kubeconfig({ clusters: [{ name: 'c', cluster: { ...server(), 'certificate-authority': probe.secretFile } }] }) }, 'connection.kubeconfig.clusters.0.cluster.certificate-authority', /names a file/)
  })

  it('exec and auth-provider plugins in the chosen user: 400 before the cluster row is written', async () => {
    const plugins: [string, unknown][] = [
      ['exec', exec()],
      ['auth-provider', { name: 'gcp', config: { 'cmd-path': `touch '${probe.marker}'` } }],
      ['auth-provider', { name: 'exec', config: { exec: exec() } }],
    ]
    for (const [i, [key, value]] of plugins.entries())
      await expectRefused(`plugin-${i}`, { kubeconfig: kubeconfig({ users: [{ name: 'u', user: { token: 'inline-token-1234', [key]: value } }] }) }, `connection.kubeconfig.users.0.user.${key}`, /plugin/)
  })

  it('a context that is not chosen may use a plugin (as EKS kubeconfigs do): only the chosen context, cluster and user are stored', async () => {
    const text = kubeconfig({
      clusters: [{ name: 'c', cluster: server() }, { name: 'eks', cluster: { server: 'https://eks.example.test', 'certificate-authority': '/etc/eks-ca.pem' } }],
      users: [{ name: 'u', user: { token: 'inline-token-1234' } }, { name: 'aws', user: { exec: exec() } }],
      contexts: [{ name: 'eks', context: { cluster: 'eks', user: 'aws' } }, { name: 'a', context: { cluster: 'c', user: 'u', namespace: 'team' } }],
      current: 'eks',
    })
    // Its current-context is the EKS one: refused, naming the first of its problems.
    await expectRefused('eks-current', { kubeconfig: text }, 'connection.kubeconfig.clusters.1.cluster.certificate-authority', /names a file/)
    const res = await register('local', { kubeconfig: text, context: 'a' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ server: probe.server, has_credentials: true })
    const stored = openConnection(t.deps.sealer, (await t.db.cluster.findFirstOrThrow({ where: { name: 'local' } })).credentials!)
    expect(stored.context).toBe('a')
    for (const gone of ['eks', 'aws', 'exec', 'certificate-authority:', probe.marker]) expect(stored.kubeconfig).not.toContain(gone)
    expect(stored.kubeconfig).toContain('namespace: team')
    expect(probe.commandRan()).toBe(false)
    expect(probe.requestCount()).toBeGreaterThan(0) // the connection test reached the server named by the chosen context
  })

  it('the GraphQL mutations refuse the same way: a ValidationError with the path inside the kubeconfig, nothing stored', async () => {
    const text = kubeconfig({ users: [{ name: 'u', user: { 'auth-provider': { name: 'azure', config: { 'cmd-path': `touch '${probe.marker}'` } } } }] })
    const res = await t.gql(
      `mutation($i: ClusterInput!) { createCluster(input: $i) { __typename ... on ValidationError { message issues { path message } } } }`,
      { i: { name: 'gql-plugin', connection: { kubeconfig: text } } },
      token,
    )
    expect(res.data.createCluster).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['connection', 'kubeconfig', 'users', '0', 'user', 'auth-provider'] }] })
    expect(await t.db.cluster.count({ where: { name: 'gql-plugin' } })).toBe(0)
    expect(probe.commandRan()).toBe(false)
  })

  it('updating credentials with a refused kubeconfig changes nothing', async () => {
    const created = await register('to-update', { kubeconfig: kubeconfig({}) })
    expect(created.status).toBe(201)
    const before = await t.db.cluster.findFirstOrThrow({ where: { name: 'to-update' } })
    const res = await t.rest('PUT', '/v1/api/clusters/to-update', { token, body: { kubeconfig: kubeconfig({ users: [{ name: 'u', user: { tokenFile: probe.secretFile } }] }) } })
    expect(res.status).toBe(400)
    expect(res.body.details.issues[0].field).toBe('connection.kubeconfig.users.0.user.tokenFile')
    expect(await t.db.cluster.findFirstOrThrow({ where: { name: 'to-update' } })).toEqual(before)
    expect(probe.filesRead()).toEqual([])
  })

  it('the token form is checked by the same code: a CA that is not base64 PEM, an http server without insecure_skip_tls_verify', async () => {
    await expectRefused('token-ca', { server: probe.server, token: 'inline-token-1234', ca_data: 'not-base64!', insecure_skip_tls_verify: true }, 'connection.caData', /base64 of PEM/)
    await expectRefused('token-http', { server: probe.server, token: 'inline-token-1234' }, 'connection.server', /insecure-skip-tls-verify/)
    await expectRefused('token-space', { server: probe.server, token: 'two words', insecure_skip_tls_verify: true }, 'connection.token', /visible ASCII/)
    const ok = await register('token-ok', { server: probe.server, token: 'inline-token-1234', insecure_skip_tls_verify: true })
    expect(ok.status).toBe(201)
  })

  it('kubeconfigContexts names the problem of each context that would be refused', async () => {
    const text = kubeconfig({
      users: [{ name: 'u', user: { token: 'inline-token-1234' } }, { name: 'aws', user: { exec: exec() } }],
      contexts: [{ name: 'a', context: { cluster: 'c', user: 'u' } }, { name: 'eks', context: { cluster: 'c', user: 'aws' } }],
    })
    const res = await t.gql(`query($k: String!) { kubeconfigContexts(kubeconfig: $k) { ... on QueryKubeconfigContextsSuccess { data { name problem } } } }`, { k: text }, token)
    expect(res.data.kubeconfigContexts.data).toEqual([
      { name: 'a', problem: null },
      { name: 'eks', problem: 'users[1].user.exec: is an exec credential plugin: it would run a command on the KubeOrch server' },
    ])
  })
})
