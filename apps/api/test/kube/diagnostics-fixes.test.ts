import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAILURE_IMAGES, requiresEnvImage } from '@kubeorch/testenv'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { diagnosticsHarness, nodeStateOf } from './diagnostics-support.ts'
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node'
import { registerTestCluster, testClients, until, waitForRun } from './support.ts'

// Every analyzer against the real control plane: deploy (or save) the broken design, get the
// finding through the API, preview and apply its fix (a design change, saved as a revision;
// with `run: true` a run starts), and see the node turn green. The failing states come from the
// testenv's kwok stages (packages/testenv/README.md, "Failure modes") and the real controllers.

let t: TestApp
let token: string
const { core, apps } = testClients()
const h = diagnosticsHarness(() => t, () => token, 'fix')

type Node = { id: string; type: string; data: Record<string, unknown> }
type Edge = { id: string; source: string; target: string; sourceHandle?: string }
const graph = (ns: string, nodes: Node[], edges: Edge[] = []) => ({
  nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 250, y: 0 }, data: { namespace: ns, ...n.data } })),
  edges,
})
const web = (data: Record<string, unknown> = {}): Node => ({ id: 'web', type: 'deployment', data: { name: 'web', image: 'nginx:1.27', replicas: 1, ports: [{ containerPort: 8080 }], ...data } })

beforeAll(async () => {
  t = await createTestApp({ runHealthTimeoutMs: 90_000 })
  ;({ token } = await t.signUp('fixer'))
  await registerTestCluster(t, token)
})
afterAll(async () => {
  await t.close()
  await Promise.all(h.namespaces.map((name) => core.deleteNamespace({ name }).catch(() => {})))
})

describe('diagnostics fixes against the control plane', () => {
  it('image pull refused as unauthorized: pull with the workflow’s registry Secret; apply and run → green', async () => {
    const { id, ns } = await h.newWorkflow('auth')
    const regcred: Node = { id: 'reg', type: 'secret', data: { name: 'regcred', secretType: 'kubernetes.io/dockerconfigjson', entries: [{ key: '.dockerconfigjson', value: '{"auths":{}}' }] } }
    await h.save(id, graph(ns, [web({ image: FAILURE_IMAGES.imagePullUnauthorized }), regcred]))
    expect((await h.run(id)).status).toBe('failed')
    const finding = await h.findingOf(id, 'web', /^image-pull\./)
    expect(finding).toMatchObject({ type: 'image-pull.unauthorized', severity: 'error', fix: { id: 'add-image-pull-secret:web' } })
    expect(finding.evidence.some((e) => e.kind === 'event' && /401 Unauthorized/.test(e.text))).toBe(true)
    const preview = await h.preview(id, 'web', finding.fix.id)
    expect(preview.body.diff.nodes.modified).toEqual([expect.objectContaining({ id: 'web', changes: [expect.objectContaining({ path: 'data.imagePullSecrets', new: ['regcred'] })] })])

    const rerun = await h.applyAndRun(id, 'web', finding.fix.id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'web')?.state).toBe('healthy')
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'kubeorch.io/node=web' })
    expect(pods.items.every((p) => p.spec?.imagePullSecrets?.[0]?.name === 'regcred' || p.metadata?.deletionTimestamp)).toBe(true)
  })

  it('crash loop naming a missing variable: exit code, termination message and command as evidence; add the variable; apply and run → green', async () => {
    const { id, ns } = await h.newWorkflow('env')
    await h.save(id, graph(ns, [web({ image: requiresEnvImage('DATABASE_URL'), command: ['/app/server', '--port', '8080'] })]))
    const first = await h.run(id)
    expect(first.status).toBe('failed')
    expect(first.error).toMatch(/CrashLoopBackOff: container "web" keeps crashing \(exit code 1\)/)
    const finding = await h.findingOf(id, 'web', /^crash-loop$/)
    expect(finding.message).toMatch(/exit code 1 \(Error\), \d+ restarts; it reports the environment variable DATABASE_URL missing/)
    expect(finding.evidence).toEqual(expect.arrayContaining([
      { kind: 'status', text: 'termination message: fatal: environment variable DATABASE_URL is not set' },
      { kind: 'status', text: 'command: /app/server --port 8080' },
    ]))
    expect(finding.evidence.some((e) => e.kind === 'log')).toBe(true)
    expect(finding.fix).toMatchObject({ id: 'add-env:DATABASE_URL', patch: { op: 'set', node_id: 'web', set: [{ path: ['env', 0], value: { name: 'DATABASE_URL', value: '' } }] } })

    const rerun = await h.applyAndRun(id, 'web', finding.fix.id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'web')?.state).toBe('healthy')
    expect((await h.diagnostics(id, 'web')).body.findings).toEqual([])
  })

  it('liveness probe on a port the container does not declare: the probe failures as evidence; probe the container’s port; apply and run → green', async () => {
    const { id, ns } = await h.newWorkflow('probe')
    await h.save(id, graph(ns, [web({ probes: { liveness: { tcpSocket: { port: 9090 }, periodSeconds: 5 } } })]))
    expect((await h.run(id)).status).toBe('failed')
    const finding = await h.findingOf(id, 'web', /^crash-loop$/)
    expect(finding.message).toMatch(/exit code 137 \(Error\), \d+ restarts; its liveness probe checks port 9090, which the container does not declare/)
    expect(finding.evidence).toContainEqual({ kind: 'event', text: expect.stringMatching(/^Unhealthy: Liveness probe failed: .*connection refused/) })
    expect(finding.fix).toMatchObject({ id: 'set-liveness-port:web', patch: { op: 'set', set: [{ path: ['probes', 'liveness', 'tcpSocket', 'port'], value: 8080 }] } })

    const rerun = await h.applyAndRun(id, 'web', finding.fix.id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'web')?.state).toBe('healthy')
  })

  it('a Service connected to nothing: connect it to the workload of its name, previewed as an added edge; apply and run → green', async () => {
    const { id, ns } = await h.newWorkflow('svc')
    const svc: Node = { id: 'svc', type: 'service', data: { name: 'web', port: 80 } }
    const other: Node = { id: 'worker', type: 'deployment', data: { name: 'worker', image: 'nginx:1.27', replicas: 1 } }
    await h.save(id, graph(ns, [web(), other, svc]))
    const finding = await h.findingOf(id, 'svc', /^service\.not-connected$/)
    expect(finding.fix).toMatchObject({ id: 'connect-workload:svc', title: 'Route to "web"', patch: { op: 'connect', edges: [{ source: 'svc', target: 'web' }] } })
    const preview = await h.preview(id, 'svc', finding.fix.id)
    expect(preview.body.diff.edges.added).toEqual([expect.objectContaining({ source: 'svc', target: 'web' })])

    const rerun = await h.applyAndRun(id, 'svc', finding.fix.id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'svc')).toMatchObject({ state: 'healthy', message: '1 ready endpoint' })
    const canvas = (await t.rest('GET', `/v1/api/workflows/${id}`, { token })).body
    expect(canvas.edges).toEqual([expect.objectContaining({ source: 'svc', target: 'web' })])
    expect((await h.diagnostics(id, 'svc')).body.findings).toEqual([])
  })

  it('a Service sending to a port its workload does not declare: send to the container’s port; apply and run → no finding', async () => {
    const { id, ns } = await h.newWorkflow('port')
    await h.save(id, graph(ns, [web(), { id: 'svc', type: 'service', data: { name: 'web', port: 80, targetPort: 9090 } }], [{ id: 'e', source: 'svc', target: 'web' }]))
    await h.run(id)
    const finding = await h.findingOf(id, 'svc', /^service\.target-port-mismatch$/)
    expect(finding.message).toMatch(/^targetPort 9090 is not a port of "web" \(it exposes 8080\)/)
    expect(finding.fix).toMatchObject({ id: 'set-target-port:svc', patch: { op: 'set', set: [{ path: ['targetPort'], value: 8080 }] } })
    const rerun = await h.applyAndRun(id, 'svc', finding.fix.id)
    expect(rerun.status).toBe('completed')
    const live = await core.readNamespacedService({ name: 'web', namespace: ns })
    expect(live.spec?.ports?.[0]?.targetPort).toBe(8080)
    expect((await h.diagnostics(id, 'svc')).body.findings).toEqual([])
  })

  it('an Ingress path routed nowhere: route it to the service; apply and run → green; a backend deleted behind its back: found, and a run restores it', async () => {
    const { id, ns } = await h.newWorkflow('ing')
    const ing: Node = { id: 'ing', type: 'ingress', data: { name: 'shop', host: 'shop.example.test', paths: [{ id: 'root', path: '/', pathType: 'Prefix' }] } }
    const svc: Node = { id: 'svc', type: 'service', data: { name: 'web', port: 80 } }
    await h.save(id, graph(ns, [web(), svc, ing], [{ id: 'e', source: 'svc', target: 'web' }]))
    const unrouted = await h.findingOf(id, 'ing', /^ingress\.path-unrouted$/)
    expect(unrouted.fix).toMatchObject({ id: 'connect-path:root', patch: { op: 'connect', edges: [{ source: 'ing', target: 'svc', sourceHandle: 'root' }] } })
    const rerun = await h.applyAndRun(id, 'ing', unrouted.fix.id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'ing')).toMatchObject({ state: 'healthy', message: expect.stringMatching(/^address shop\./) })

    await core.deleteNamespacedService({ name: 'web', namespace: ns })
    const missing = await h.findingOf(id, 'ing', /^ingress\.backend-missing$/)
    expect(missing.message).toBe('Backend service "web" is in the workflow but not in the cluster; run the workflow to create it')
    const restored = await h.run(id)
    expect(restored.status).toBe('completed')
    expect((await h.diagnostics(id, 'ing')).body.findings).toEqual([])
  })

  it('a NetworkPolicy guarding nothing: connect it to the workload it is named after; apply and run → green; scaled to 0: selects no running pod', async () => {
    const { id, ns } = await h.newWorkflow('np')
    const np: Node = { id: 'np', type: 'networkpolicy', data: { name: 'web-ingress', policyTypes: ['Ingress'], ingress: [{ allPeers: true, ports: [{ port: 8080 }] }] } }
    await h.save(id, graph(ns, [web(), { id: 'db', type: 'deployment', data: { name: 'db', image: 'postgres:17', replicas: 1 } }, np]))
    const finding = await h.findingOf(id, 'np', /^networkpolicy\.selects-nothing$/)
    expect(finding.fix).toMatchObject({ id: 'connect-workload:np', title: 'Guard "web"', patch: { op: 'connect', edges: [{ source: 'np', target: 'web' }] } })
    const rerun = await h.applyAndRun(id, 'np', finding.fix.id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'np')?.state).toBe('healthy')
    expect((await h.diagnostics(id, 'np')).body.findings).toEqual([])

    const canvas = (await t.rest('GET', `/v1/api/workflows/${id}`, { token })).body
    await h.save(id, { ...canvas, nodes: canvas.nodes.map((n: Node) => (n.id === 'web' ? { ...n, data: { ...n.data, replicas: 0 } } : n)) })
    expect((await h.run(id)).status).toBe('completed')
    const idle = await h.findingOf(id, 'np', /^networkpolicy\.selects-nothing$/)
    expect(idle.message).toMatch(/^Its pod selector matches no running pod/)
  })

  it('an HPA scaling nothing: connect it to its deployment; then its target has no CPU request: add one; apply and run → green', async () => {
    const { id, ns } = await h.newWorkflow('hpa')
    const hpa: Node = { id: 'hpa', type: 'hpa', data: { name: 'web', minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 80 } }
    await h.save(id, graph(ns, [web(), hpa]))
    const unconnected = await h.findingOf(id, 'hpa', /^hpa\.target-missing$/)
    expect(unconnected.fix).toMatchObject({ id: 'connect-target:hpa', patch: { op: 'connect', edges: [{ source: 'hpa', target: 'web' }] } })
    const connected = await h.apply(id, 'hpa', unconnected.fix.id)
    expect(connected.status, JSON.stringify(connected.body)).toBe(200)

    const noRequest = await h.findingOf(id, 'hpa', /^hpa\.target-without-requests$/)
    expect(noRequest.fix).toMatchObject({ id: 'add-cpu-request:web', patch: { op: 'set', node_id: 'web', set: [{ path: ['resources', 'requests', 'cpu'], value: '100m' }] } })
    const rerun = await h.applyAndRun(id, 'hpa', noRequest.fix.id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'hpa')).toMatchObject({ state: 'healthy', message: expect.stringMatching(/^1 replicas \(min 1, max 3\)$/) })
  })

  it('a PVC whose storage class does not exist: the provisioning event as evidence; use the cluster’s default class (after deleting the claim, as the fix says); apply and run → green', async () => {
    const { id, ns } = await h.newWorkflow('pvc')
    await h.save(id, graph(ns, [{ id: 'data', type: 'persistentvolumeclaim', data: { name: 'data', storage: '1Gi', accessModes: ['ReadWriteOnce'], storageClassName: 'nope' } }]))
    const started = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: {} })
    const finding = await h.findingOf(id, 'data', /^pvc\./)
    expect(finding.type).toBe('pvc.storage-class-not-found')
    expect(finding.evidence.some((e) => /storageclass.*"nope" not found/i.test(e.text))).toBe(true)
    expect(finding.fix).toMatchObject({ id: 'set-storage-class:data', patch: { op: 'set', set: [{ path: ['storageClassName'], value: 'kwok-volume' }] } })
    expect(finding.fix.description).toMatch(/delete the claim/)
    await t.rest('POST', `/v1/api/workflows/${id}/runs/${started.body.run_id}/cancel`, { token })
    expect((await waitForRun(t, token, id, started.body.run_id)).status).toBe('cancelled')
    // Saved while the problem shows (a fix is offered only then), run once the old claim is gone.
    expect((await h.apply(id, 'data', finding.fix.id)).status).toBe(200)
    await core.deleteNamespacedPersistentVolumeClaim({ name: 'data', namespace: ns })
    await until('the claim gone', async () => !(await core.listNamespacedPersistentVolumeClaim({ namespace: ns })).items.length, 30_000)

    const rerun = await h.run(id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'data')).toMatchObject({ state: 'healthy', message: expect.stringMatching(/^bound to pvc-/) })
  })

  it('a ConfigMap of the workflow deleted behind its back: the restarted pod cannot start; found as "run the workflow to create it", and a run does', async () => {
    const { id, ns } = await h.newWorkflow('cm')
    const settings: Node = { id: 'settings', type: 'configmap', data: { name: 'settings', data: { MODE: 'fast' } } }
    await h.save(id, graph(ns, [web(), settings], [{ id: 'e', source: 'settings', target: 'web' }]))
    expect((await h.run(id)).status).toBe('completed')

    await core.deleteNamespacedConfigMap({ name: 'settings', namespace: ns })
    await core.deleteCollectionNamespacedPod({ namespace: ns, labelSelector: 'kubeorch.io/node=web' })
    const finding = await h.findingOf(id, 'web', /^config\./)
    expect(finding).toMatchObject({ type: 'config.configmap-missing', severity: 'error', fix: null })
    expect(finding.message).toBe(`ConfigMap "settings" does not exist in namespace ${ns}; node "settings" is in the workflow, so run the workflow to create it`)
    expect(finding.evidence[0]?.text).toMatch(/CreateContainerConfigError: configmap "settings" not found/)

    const rerun = await h.run(id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'web')?.state).toBe('healthy')
  })

  it('a ConfigMap no node creates (the Deployment edited outside KubeOrch): add it as a node connected to the workload, previewed as an added node and edge; apply and run → green', async () => {
    const { id, ns } = await h.newWorkflow('nocm')
    await h.save(id, graph(ns, [web()]))
    expect((await h.run(id)).status).toBe('completed')
    // Someone adds an envFrom by hand; the new pods look for a ConfigMap nobody made.
    await apps.patchNamespacedDeployment(
      { name: 'web', namespace: ns, body: [{ op: 'add', path: '/spec/template/spec/containers/0/envFrom', value: [{ configMapRef: { name: 'flags' } }] }] },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    )
    const finding = await h.findingOf(id, 'web', /^config\.configmap-missing$/)
    expect(finding.message).toBe(`ConfigMap "flags" does not exist in namespace ${ns}; no node of this workflow creates it`)
    expect(finding.fix).toMatchObject({
      id: 'add-configmap:flags',
      patch: { op: 'add-node', node: { id: 'configmap-flags', type: 'configmap', data: { name: 'flags', namespace: ns, data: {} } }, edges: [{ source: 'configmap-flags', target: 'web' }] },
    })
    const preview = await h.preview(id, 'web', finding.fix.id)
    expect(preview.body.diff.nodes.added).toEqual([expect.objectContaining({ id: 'configmap-flags', type: 'configmap' })])
    expect(preview.body.diff.edges.added).toEqual([expect.objectContaining({ source: 'configmap-flags', target: 'web' })])

    const rerun = await h.applyAndRun(id, 'web', finding.fix.id)
    expect(rerun.status, JSON.stringify(rerun.logs.slice(-4))).toBe('completed')
    expect(nodeStateOf(rerun, 'web')?.state).toBe('healthy')
    expect(nodeStateOf(rerun, 'configmap-flags')?.state).toBe('healthy')
    expect((await core.readNamespacedConfigMap({ name: 'flags', namespace: ns })).metadata?.labels?.['kubeorch.io/node']).toBe('configmap-flags')
  })
})
