import fc from 'fast-check'
import { KEPT_FIELDS, loadKubeConfig } from '@kubeorch/kube'
import { createKubeconfigProbe, hostileKubeconfig, INLINE_SECRETS, type HostileKubeconfig, type KubeconfigProbe } from '@kubeorch/kube/testing'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openConnection } from '../../src/services/clusters/cluster-connection.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { expectCleanAnswer, send } from './support/http-probe.ts'
import { createTally } from './support/tally.ts'

// Issue 13 §1, as a property: kubeconfigs with exec and auth-provider plugins, file paths and
// repeated names in random places, registered over REST (POST /clusters, then POST
// /clusters/:id/test) and GraphQL (createCluster, then testCluster). Every case: no 5xx; a
// refusal writes no row; an accepted one stores the minimal form only. Over all cases: the probe's
// marker never appears (no command ran), its secret file is never opened, and no request carried
// its content.

const RUNS = { rest: 150, graphql: 100 }

let t: TestApp
let token: string
let probe: KubeconfigProbe
let seq = 0
const accepted = { rest: 0, graphql: 0 }
const tally = createTally('kubeconfig-probe', 'fuzz')

beforeAll(async () => {
  t = await createTestApp()
  ;({ token } = await t.signUp('kubeconfigprobe'))
  probe = await createKubeconfigProbe()
})
afterAll(async () => {
  tally.report()
  console.log(`[reliability] kubeconfig-probe: accepted (stored minimal) rest=${accepted.rest}, graphql=${accepted.graphql}`)
  await probe.close()
  await t.close()
})

/** An accepted cluster: its stored credentials are one checked context, cluster and user, in the minimal form. */
async function expectMinimalStored(id: string, label: string) {
  const row = await t.db.cluster.findUniqueOrThrow({ where: { id } })
  const stored = openConnection(t.deps.sealer, row.credentials!)
  expect(() => loadKubeConfig(stored, { minimalOnly: true }), label).not.toThrow()
  const doc = parse(stored.kubeconfig)
  expect([doc.clusters.length, doc.users.length, doc.contexts.length], label).toEqual([1, 1, 1])
  for (const [kind, body] of [['cluster', doc.clusters[0].cluster], ['user', doc.users[0].user], ['context', doc.contexts[0].context]] as const)
    for (const key of Object.keys(body)) expect(KEPT_FIELDS[kind], `${label}: stored ${kind} field ${key}`).toContain(key)
}

async function expectNothingRanOrRead(label: string, answer: unknown) {
  expect(probe.commandRan(), `${label}: a command ran`).toBe(false)
  expect(probe.filesRead(), `${label}: a file was read`).toEqual([])
  expect(probe.leaks(), `${label}: the secret file's content was sent`).toEqual([])
  const text = JSON.stringify(answer)
  for (const secret of INLINE_SECRETS) expect(text, label).not.toContain(secret)
}

const cases = () => hostileKubeconfig(probe)

describe('hostile kubeconfigs never run a command, read a file or cause a 5xx', () => {
  it(`over REST (${RUNS.rest} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(cases(), async ({ yaml, context }: HostileKubeconfig) => {
        tally.add('rest kubeconfig probes')
        const name = `rest-${++seq}`
        const label = `${name} context=${context}\n${yaml}`
        const before = await t.db.cluster.count()
        const created = await send(t, 'POST', '/v1/api/clusters', { token, body: { name, kubeconfig: yaml, context } })
        expectCleanAnswer(created, label)
        if (created.status >= 400) {
          expect(created.status, label).toBe(400)
          expect(await t.db.cluster.count(), `${label}: a refused cluster was written`).toBe(before)
        } else {
          expect(created.status, label).toBe(201)
          const tested = await send(t, 'POST', `/v1/api/clusters/${created.body.id}/test`, { token })
          expectCleanAnswer(tested, `${label} (test)`)
          await expectMinimalStored(created.body.id, label)
          accepted.rest++
        }
        await expectNothingRanOrRead(label, created.body)
      }),
      { numRuns: RUNS.rest },
    )
  }, 180_000)

  it(`over GraphQL (${RUNS.graphql} cases)`, async () => {
    const create = `mutation($i: ClusterInput!) { createCluster(input: $i) { __typename ... on MutationCreateClusterSuccess { data { id status } } ... on Error { message } ... on ValidationError { issues { path } } } }`
    const test = `mutation($id: String!) { testCluster(id: $id) { __typename ... on Error { message } } }`
    await fc.assert(
      fc.asyncProperty(cases(), async ({ yaml, context }: HostileKubeconfig) => {
        tally.add('graphql kubeconfig probes')
        const name = `gql-${++seq}`
        const label = `${name} context=${context}\n${yaml}`
        const before = await t.db.cluster.count()
        const res = await t.gql(create, { i: { name, connection: { kubeconfig: yaml, ...(context !== undefined ? { context } : {}) } } }, token)
        expect(res.errors, `${label}: ${JSON.stringify(res.errors)}`).toBeUndefined()
        const answer = res.data.createCluster
        if (answer.__typename === 'MutationCreateClusterSuccess') {
          const tested = await t.gql(test, { id: answer.data.id }, token)
          expect(tested.errors, label).toBeUndefined()
          await expectMinimalStored(answer.data.id, label)
          accepted.graphql++
        } else {
          expect(answer.__typename, label).toBe('ValidationError')
          expect(answer.issues[0].path.slice(0, 2), label).toEqual(expect.arrayContaining(['connection']))
          expect(await t.db.cluster.count(), `${label}: a refused cluster was written`).toBe(before)
        }
        await expectNothingRanOrRead(label, answer)
      }),
      { numRuns: RUNS.graphql },
    )
  }, 180_000)

  it('reached the server named by accepted kubeconfigs (the probe saw their connection tests)', () => {
    expect(probe.requestCount()).toBeGreaterThan(0)
    expect(accepted.rest + accepted.graphql).toBeGreaterThan(10)
  })
})
