import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAILURE_IMAGES, UNSCHEDULABLE_REQUESTS } from '@kubeorch/testenv'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { diagnosticsHarness, nodeStateOf } from './diagnostics-support.ts'
import { registerTestCluster, testClients, waitForRun } from './support.ts'

// For each failure stage of the testenv: deploy the failing design, get the finding with its
// evidence, apply the suggested fix where there is one, rerun, and see the node turn green.

let t: TestApp
let token: string
const { core } = testClients()
const h = diagnosticsHarness(() => t, () => token, 'diag')
const { namespaces, newWorkflow, save, run } = h

type Data = Record<string, unknown>
const design = (ns: string, data: Data) => ({
  nodes: [{ id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', namespace: ns, image: 'nginx:1.27', replicas: 1, ...data } }],
  edges: [],
})

const diagnostics = (id: string) => h.diagnostics(id, 'web')
const nodeState = (r: Parameters<typeof nodeStateOf>[0]) => nodeStateOf(r, 'web')?.state
const findingOf = (id: string, type: RegExp) => h.findingOf(id, 'web', type)

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('diagnoser'))
  await registerTestCluster(t, token)
})
afterAll(async () => {
  await t.close()
  await Promise.all(namespaces.map((name) => core.deleteNamespace({ name }).catch(() => {})))
})

describe('diagnostics against the failure stages', () => {
  it('errImagePull: image-pull finding with the pod status and pull events; no fix (only a person knows the right image); a corrected image turns it green', async () => {
    const { id, ns } = await newWorkflow('pull')
    await save(id, design(ns, { image: FAILURE_IMAGES.errImagePull }))
    expect((await run(id)).status).toBe('failed')
    const finding = await findingOf(id, /^image-pull\./)
    expect(finding).toMatchObject({ type: 'image-pull.not-found', severity: 'error', fix: null })
    expect(finding.message).toContain(FAILURE_IMAGES.errImagePull)
    expect(finding.evidence.some((e: { kind: string; text: string }) => e.kind === 'status' && /ErrImagePull|ImagePullBackOff/.test(e.text))).toBe(true)
    // The user fixes the image: green, and nothing left to report.
    await save(id, design(ns, { image: 'nginx:1.27' }))
    const rerun = await run(id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-5))).toBe('completed')
    expect(nodeState(rerun)).toBe('healthy')
    expect((await diagnostics(id)).body.findings).toEqual([])
  })

  it('crashLoop: crash-loop finding with exit code, restarts and the last log lines; no fix; a working image turns it green', async () => {
    const { id, ns } = await newWorkflow('crash')
    await save(id, design(ns, { image: FAILURE_IMAGES.crashLoop }))
    expect((await run(id)).status).toBe('failed')
    const finding = await findingOf(id, /^crash-loop$/)
    expect(finding.severity).toBe('error')
    expect(finding.message).toMatch(/exit code 1/)
    expect(finding.fix).toBeNull()
    const log = finding.evidence.find((e: { kind: string }) => e.kind === 'log')
    expect(log?.text).toContain('testenv: previous container instance')
    await save(id, design(ns, { image: 'nginx:1.27' }))
    const rerun = await run(id)
    expect(rerun.status).toBe('completed')
    expect(nodeState(rerun)).toBe('healthy')
  })

  it('oomKilled: raise-memory-limit fix, previewed as a design diff and saved as a new revision; with the image also changed by the user, green', async () => {
    const { id, ns } = await newWorkflow('oom')
    await save(id, design(ns, { image: FAILURE_IMAGES.oomKilled, resources: { limits: { memory: '64Mi' } } }))
    expect((await run(id)).status).toBe('failed')
    const finding = await findingOf(id, /^oom-killed$/)
    expect(finding.evidence[0]?.text).toMatch(/OOMKilled \(exit code 137\)/)
    expect(finding.fix).toMatchObject({ id: 'raise-memory-limit:web', patch: { node_id: 'web', set: [{ path: ['resources', 'limits', 'memory'], value: '128Mi' }] } })

    const preview = await t.rest('GET', `/v1/api/workflows/${id}/nodes/web/diagnostics/fixes/${finding.fix.id}/preview`, { token })
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(preview.body.diff.nodes.modified).toEqual([
      expect.objectContaining({ id: 'web', changes: [expect.objectContaining({ path: 'data.resources.limits.memory', old: '64Mi', new: '128Mi' })] }),
    ])
    // A stale revision is a conflict, as for any save.
    const stale = await t.rest('POST', `/v1/api/workflows/${id}/nodes/web/diagnostics/fixes/${finding.fix.id}/apply`, { token, body: { revision: preview.body.revision - 1 } })
    expect(stale.status).toBe(409)
    const applied = await t.rest('POST', `/v1/api/workflows/${id}/nodes/web/diagnostics/fixes/${finding.fix.id}/apply`, { token, body: { revision: preview.body.revision } })
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    expect(applied.body.workflow.revision).toBe(preview.body.revision + 1)
    expect(applied.body.run_id).toBeNull()
    const canvas = (await t.rest('GET', `/v1/api/workflows/${id}`, { token })).body
    expect(canvas.nodes[0].data.resources.limits.memory).toBe('128Mi')
    // The failure image always OOMs (kwok plays the kill by image): the user's second change is the image.
    await save(id, { ...canvas, nodes: [{ ...canvas.nodes[0], data: { ...canvas.nodes[0].data, image: 'nginx:1.27' } }] })
    const rerun = await run(id)
    expect(rerun.status).toBe('completed')
    expect(nodeState(rerun)).toBe('healthy')
    const deployed = await core.listNamespacedPod({ namespace: ns, labelSelector: 'kubeorch.io/node=web' })
    expect(deployed.items.some((p) => p.spec?.containers[0]?.resources?.limits?.memory === '128Mi')).toBe(true)
  })

  it('unschedulable: lower-requests fix applied with run: true turns the node green by itself', async () => {
    const { id, ns } = await newWorkflow('sched')
    const saved = await save(id, design(ns, { resources: { requests: UNSCHEDULABLE_REQUESTS } }))
    const first = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    expect(first.status, JSON.stringify(first.body)).toBe(202)
    // Within the scheduler's grace the run still waits for health, and the fix is already offered.
    const finding = await findingOf(id, /^unschedulable\.insufficient-resources$/)
    expect(finding.evidence.some((e: { text: string }) => /Insufficient cpu/.test(e.text))).toBe(true)
    expect(finding.fix.id).toBe('lower-requests:web')
    // "Apply and run" while that run is active: refused whole; the fix is not saved without its run.
    const busy = await t.rest('POST', `/v1/api/workflows/${id}/nodes/web/diagnostics/fixes/lower-requests:web/apply`, { token, body: { run: true } })
    expect(busy.status, JSON.stringify(busy.body)).toBe(409)
    expect(busy.body.error).toContain(first.body.run_id)
    expect((await t.rest('GET', `/v1/api/workflows/${id}`, { token })).body.revision).toBe(saved.revision)
    expect((await waitForRun(t, token, id, first.body.run_id)).status).toBe('failed')

    const applied = await t.rest('POST', `/v1/api/workflows/${id}/nodes/web/diagnostics/fixes/lower-requests:web/apply`, { token, body: { run: true } })
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    expect(applied.body.run_id).toEqual(expect.any(String))
    expect(applied.body.workflow.revision).toBe(saved.revision + 1)
    expect(applied.body.run_version).toBe(first.body.version + 1)
    const rerun = await waitForRun(t, token, id, applied.body.run_id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-5))).toBe('completed')
    expect(nodeState(rerun)).toBe('healthy')
    // The problem is gone, and so is its fix.
    const gone = await t.rest('POST', `/v1/api/workflows/${id}/nodes/web/diagnostics/fixes/lower-requests:web/apply`, { token, body: {} })
    expect(gone.status).toBe(404)
    expect(gone.body.error).toMatch(/fix lower-requests:web/)
  })

  it('GraphQL: the same findings; bad requests get clear errors; another user sees nothing', async () => {
    const { id, ns } = await newWorkflow('gql')
    await save(id, design(ns, { image: FAILURE_IMAGES.errImagePull }))
    await run(id)
    await findingOf(id, /^image-pull\./)
    const q = `query($w: ID!, $n: String!) { nodeDiagnostics(workflowId: $w, nodeId: $n) {
      __typename ... on QueryNodeDiagnosticsSuccess { data { nodeId findings { id type severity evidence { kind text } fix { id } } } }
      ... on Error { message } } }`
    const ok = await t.gql(q, { w: id, n: 'web' }, token)
    expect(ok.data.nodeDiagnostics.data.findings[0]).toMatchObject({ type: 'image-pull.not-found', severity: 'error', fix: null })
    const unknownNode = await t.gql(q, { w: id, n: 'nope' }, token)
    expect(unknownNode.data.nodeDiagnostics).toEqual({ __typename: 'NotFoundError', message: 'node nope not found' })
    expect((await t.rest('GET', `/v1/api/workflows/${id}/nodes/nope/diagnostics`, { token })).body).toEqual({ error: 'node nope not found' })
    const unknownFix = await t.rest('GET', `/v1/api/workflows/${id}/nodes/web/diagnostics/fixes/raise-memory-limit:web/preview`, { token })
    expect(unknownFix.status).toBe(404)
    const other = await t.signUp('stranger')
    expect((await t.rest('GET', `/v1/api/workflows/${id}/nodes/web/diagnostics`, { token: other.token })).status).toBe(404)
  })
})
