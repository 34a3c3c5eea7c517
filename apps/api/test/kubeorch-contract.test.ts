import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signSessionToken } from '../src/services/auth/session-token.ts'
import { openSecretValues } from '../src/services/secrets/secret-values.ts'
import { kubeorchCanvas, kubeorchExtraNodes, sentFields } from './support/kubeorch-canvas.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'

/** Base64 of PEM-shaped data, as KubeOrch's form sends certificates (the kubeconfig check wants PEM). */
const pem = (label: string) => Buffer.from(`-----BEGIN ${label}-----\nMIIB\n-----END ${label}-----\n`).toString('base64')

// Issue 15: the clients written for KubeOrch work unchanged against /v1/api. Every request below
// is one of KubeOrch's (KUBEORCH-API.md: routes, bodies, node data), and every assertion is on a
// field a KubeOrch client reads. REST only; the SPEC §11 tests cover our own shapes.

let t: TestApp
let token: string
let wf: string
type Node = { id: string; type: string; data: Record<string, unknown> }
const byId = (nodes: Node[], id: string) => nodes.find((n) => n.id === id)!

beforeAll(async () => {
  t = await createTestApp()
  ;({ token } = await t.signUp('orch'))
  expect((await t.rest('POST', '/v1/api/clusters', { token, body: { name: 'production-cluster' } })).status).toBe(201)
  // KubeOrch: { name*, description?, cluster_id* } with cluster_id the cluster's NAME → 201 { id, message, workflow }.
  const created = await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'shop', description: 'demo', cluster_id: 'production-cluster' } })
  expect(created.status).toBe(201)
  expect(created.body).toMatchObject({ id: expect.any(String), message: expect.any(String), workflow: { name: 'shop', description: 'demo', status: 'draft', cluster_name: 'production-cluster' } })
  wf = created.body.id
})
afterAll(() => t.close())

describe("KubeOrch's canvas: save and read back", () => {
  it('saves a canvas with data.id, data.templateId, targetApp and _linkedDeployment ids (POST /save { nodes, edges, description }) → { message, workflow }', async () => {
    const canvas = kubeorchCanvas()
    const res = await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token, body: { ...canvas, description: 'saved from the canvas' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.message).toEqual(expect.any(String))
    expect(res.body.workflow.description).toBe('saved from the canvas')
    for (const sent of canvas.nodes) expect(byId(res.body.workflow.nodes, sent.id).data).toMatchObject(sentFields(sent.data))
  })

  it('GET /workflows/:id answers every node the way it was written: port stays port, _linkedDeployment the node id, edges as drawn', async () => {
    const canvas = kubeorchCanvas()
    const { body } = await t.rest('GET', `/v1/api/workflows/${wf}`, { token })
    for (const sent of canvas.nodes) expect(byId(body.nodes, sent.id).data, sent.id).toMatchObject(sentFields(sent.data))
    const deployment = byId(body.nodes, 'node-1').data
    expect(deployment.port).toBe(8080)
    expect(deployment.ports).toBeUndefined()
    expect(deployment.resources).toEqual({ limits: { cpu: '500m', memory: '' }, requests: { cpu: '', memory: '' } })
    const service = byId(body.nodes, 'node-2').data
    expect(service._linkedDeployment).toBe('node-1')
    expect(service.targetApp).toBe('deployment-1')
    expect(body.edges.map((e: { id: string; source: string; target: string }) => [e.id, e.source, e.target])).toEqual(canvas.edges.map((e) => [e.id, e.source, e.target]))
    expect(body).toMatchObject({ success_count: 0, failure_count: 0, cluster_name: 'production-cluster', status: 'draft' })
  })

  it("keeps the client's own fields outside the design: stored under _client, never rendered", async () => {
    const row = await t.db.workflow.findUniqueOrThrow({ where: { id: wf } })
    const stored = byId(row.nodes as Node[], 'node-1').data
    expect(stored.templateId).toBeUndefined()
    expect(stored.ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }])
    expect(stored.resources).toEqual({ limits: { cpu: '500m' } })
    expect(stored._client).toMatchObject({ kubeorch: true, fields: { templateId: { sent: 'core/deployment' }, id: { sent: 'node-1' } } })
    const manifests = JSON.stringify(await renderedObjects())
    expect(manifests).toContain('deployment-1')
    for (const own of ['templateId', 'core/deployment', '_client', 'envKeys', 'targetApp']) expect(manifests).not.toContain(own)
  })

  it('targetApp alone routes the Service: the server links it to the workload of that name, and answers the edges as drawn', async () => {
    const canvas = kubeorchCanvas()
    const service = canvas.nodes[1]!
    delete (service.data as Record<string, unknown>)._linkedDeployment
    canvas.edges = canvas.edges.filter((e) => e.source !== 'node-2')
    const res = await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token, body: canvas })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(byId(res.body.nodes, 'node-2').data._linkedDeployment).toBe('node-1')
    expect(res.body.edges).toHaveLength(1)
    const objects = await renderedObjects()
    const svc = objects.find((o) => o.kind === 'Service') as unknown as { spec: { selector: object; ports: object[] } }
    const dep = objects.find((o) => o.kind === 'Deployment') as unknown as { spec: { selector: { matchLabels: object } } }
    expect(svc.spec.selector).toEqual(dep.spec.selector.matchLabels)
    expect(svc.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080 })
  })

  it('an edge drawn from the Deployment to the Service (as KubeOrch\'s canvas allows) is stored our way round and answered as drawn', async () => {
    const canvas = kubeorchCanvas()
    canvas.edges[0] = { id: 'reactflow__edge-node-1-node-2', source: 'node-1', target: 'node-2', sourceHandle: null, targetHandle: null }
    const res = await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token, body: canvas })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.edges.find((e: { id: string }) => e.id === 'reactflow__edge-node-1-node-2')).toMatchObject({ source: 'node-1', target: 'node-2' })
    const row = await t.db.workflow.findUniqueOrThrow({ where: { id: wf } })
    expect((row.edges as { id: string; source: string }[]).find((e) => e.id === 'reactflow__edge-node-1-node-2')!.source).toBe('node-2')
  })

  it('the rest of the kinds with their add-node defaults ("" for unset, editor ids, KubeOrch\'s names) read back as sent', async () => {
    const canvas = kubeorchCanvas()
    const extra = kubeorchExtraNodes()
    const res = await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token, body: { nodes: [...canvas.nodes, ...extra], edges: canvas.edges } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const { body } = await t.rest('GET', `/v1/api/workflows/${wf}`, { token })
    for (const sent of extra) expect(byId(body.nodes, sent.id).data, sent.id).toMatchObject(sentFields(sent.data))
    expect(byId(body.nodes, 'node-7').data._linkedDeployment).toBe('node-1') // scaleTargetName linked it
    const row = await t.db.workflow.findUniqueOrThrow({ where: { id: wf } })
    const hpa = byId(row.nodes as Node[], 'node-7').data
    expect(hpa.targetCPUUtilizationPercentage).toBe(80)
    expect(byId(row.nodes as Node[], 'node-4').data.entries).toEqual([{ key: 'API_KEY' }])
  })

  it('an edit made elsewhere (GraphQL) shows through: the stale copy of a mapped field is not replayed, the own fields stay', async () => {
    const gql = await t.gql(`query($id: ID!) { workflow(id: $id) { ... on QueryWorkflowSuccess { data { nodes edges revision } } } }`, { id: wf }, token)
    const { nodes, edges, revision } = gql.data.workflow.data
    const dep = byId(nodes, 'node-1')
    dep.data.replicas = 5
    dep.data.resources = { limits: { cpu: '1' } }
    const saved = await t.gql(`mutation($id: ID!, $nodes: JSON!, $edges: JSON!, $revision: Int) { saveWorkflow(id: $id, nodes: $nodes, edges: $edges, revision: $revision) { __typename } }`, { id: wf, nodes, edges, revision }, token)
    expect(saved.data.saveWorkflow.__typename).toBe('MutationSaveWorkflowSuccess')
    const { body } = await t.rest('GET', `/v1/api/workflows/${wf}`, { token })
    const data = byId(body.nodes, 'node-1').data
    expect(data).toMatchObject({ replicas: 5, port: 8080, templateId: 'core/deployment', id: 'node-1', resources: { limits: { cpu: '1' } } })
  })

  it('a secret value sent in keys[] is sealed, never stored in the graph, the client data or an answer', async () => {
    const canvas = kubeorchCanvas()
    const secret = kubeorchExtraNodes()[0]!
    ;(secret.data.keys as Record<string, unknown>[])[0]!.value = 'sk-live-very-secret'
    const res = await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token, body: { nodes: [...canvas.nodes, secret], edges: canvas.edges } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(JSON.stringify(res.body)).not.toContain('sk-live-very-secret')
    const row = await t.db.workflow.findUniqueOrThrow({ where: { id: wf } })
    expect(JSON.stringify(row.nodes)).not.toContain('sk-live-very-secret')
    expect(openSecretValues(t.deps.sealer, row.secretValues)).toEqual({ 'node-4': { API_KEY: 'sk-live-very-secret' } })
    expect(byId(res.body.nodes, 'node-4').data.keys).toEqual([{ id: 'key-1712345', name: 'API_KEY' }, { id: 'key-1712399', name: '' }])
  })

  it('refusals name the field KubeOrch wrote; a typo is still a typo; nothing is saved', async () => {
    const before = (await t.db.workflow.findUniqueOrThrow({ where: { id: wf } })).revision
    const cases: [(c: ReturnType<typeof withHpa>) => void, string, RegExp][] = [
      [(c) => ((c.nodes[0]!.data as Record<string, unknown>).replica = 3), 'nodes.0.data.replica', /not a known field|unrecognized/i],
      [(c) => ((c.nodes[0]!.data as Record<string, unknown>).labels = { team: 'a' }), 'nodes.0.data.labels', /labels/],
      [(c) => ((c.nodes[3]!.data as Record<string, unknown>).targetCPUUtilization = 0), 'nodes.3.data.targetCPUUtilization', /integer/],
      [(c) => ((c.nodes[0]!.data as Record<string, unknown>).templateId = 'x'.repeat(70_000)), 'nodes.0.data._client', /at most 65536/],
    ]
    for (const [spoil, field, message] of cases) {
      const canvas = withHpa()
      spoil(canvas)
      const res = await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token, body: canvas })
      expect(res.status, field).toBe(400)
      expect(res.body.details.issues, field).toContainEqual(expect.objectContaining({ field, message: expect.stringMatching(message) }))
    }
    expect((await t.db.workflow.findUniqueOrThrow({ where: { id: wf } })).revision).toBe(before)
  })

  it('a "__proto__" key in node data is no field: not kept, not answered, nothing polluted', async () => {
    const canvas = kubeorchCanvas()
    Object.defineProperty(canvas.nodes[1]!.data, '__proto__', { value: { polluted: 1 }, enumerable: true })
    const res = await t.rest('POST', `/v1/api/workflows/${wf}/save`, { token, body: canvas })
    expect(res.status).toBe(200)
    expect(JSON.stringify(res.body)).not.toContain('polluted')
    expect(JSON.stringify((await t.db.workflow.findUniqueOrThrow({ where: { id: wf } })).nodes)).not.toContain('polluted')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

/** The objects a run would apply for the current canvas: a new version, rendered as the server renders versions. */
async function renderedObjects() {
  const v = await t.rest('POST', `/v1/api/workflows/${wf}/versions`, { token, body: {} })
  const rendering = await t.deps.versionRenderings.get(t.db, v.body.version.id)
  if (!rendering.manifests.ok) throw new Error(rendering.manifests.error)
  return rendering.manifests.objects.map((m) => m.object)
}

function withHpa() {
  const c = kubeorchCanvas()
  return { nodes: [...c.nodes, kubeorchExtraNodes()[3]!], edges: c.edges }
}

describe("KubeOrch's versions", () => {
  let vw: string
  beforeAll(async () => {
    vw = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'versioned', cluster_id: 'production-cluster' } })).body.id
    expect((await t.rest('POST', `/v1/api/workflows/${vw}/save`, { token, body: kubeorchCanvas() })).status).toBe(200)
  })

  it('POST /versions { name, tag, description } → 201 { message, version } with is_automatic; PUT /versions/:v → { message, version }', async () => {
    const created = await t.rest('POST', `/v1/api/workflows/${vw}/versions`, { token, body: { name: 'Production release', tag: 'v1.0', description: 'first' } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ message: expect.any(String), version: { version: 1, name: 'Production release', tag: 'v1.0', is_automatic: false, workflow_id: vw } })
    expect(byId(created.body.version.nodes, 'node-1').data).toMatchObject(sentFields(kubeorchCanvas().nodes[0]!.data))
    const updated = await t.rest('PUT', `/v1/api/workflows/${vw}/versions/1`, { token, body: { tag: 'stable' } })
    expect(updated.body).toMatchObject({ message: expect.any(String), version: { version: 1, tag: 'stable' } })
    const list = await t.rest('GET', `/v1/api/workflows/${vw}/versions?page=1&limit=10`, { token })
    expect(list.body).toMatchObject({ total: 1, page: 1, limit: 10, versions: [{ version: 1, is_automatic: false }] })
  })

  it('compare carries from_version, to_version, added/removed/modified_nodes (node_id, type, old_data, new_data) and added/removed_edges', async () => {
    const canvas = kubeorchCanvas('default', { replicas: 3 })
    canvas.nodes = canvas.nodes.filter((n) => n.id !== 'node-3')
    canvas.edges = canvas.edges.filter((e) => e.source !== 'node-3')
    canvas.nodes[1]!.position = { x: 999, y: 999 } // a move is not a modification
    expect((await t.rest('POST', `/v1/api/workflows/${vw}/save`, { token, body: canvas })).status).toBe(200)
    await t.rest('POST', `/v1/api/workflows/${vw}/versions`, { token, body: {} })
    const cmp = await t.rest('GET', `/v1/api/workflows/${vw}/versions/compare?v1=1&v2=2`, { token })
    expect(cmp.status).toBe(200)
    expect(cmp.body).toMatchObject({ from_version: 1, to_version: 2, added_nodes: [], added_edges: [] })
    expect(cmp.body.modified_nodes).toEqual([
      { node_id: 'node-1', type: 'deployment', old_data: expect.objectContaining({ replicas: 2, port: 8080, templateId: 'core/deployment' }), new_data: expect.objectContaining({ replicas: 3, port: 8080 }) },
    ])
    expect(cmp.body.removed_nodes).toEqual([{ node_id: 'node-3', type: 'configmap', old_data: expect.objectContaining({ name: 'configmap-3', templateId: 'core/configmap' }) }])
    expect(cmp.body.removed_edges).toEqual([{ edge_id: 'reactflow__edge-node-3-node-1', source: 'node-3', target: 'node-1' }])
    expect(cmp.body.graph.summary).toBeDefined() // ours, beside
  })

  it('restore answers { message, version, workflow }: the restored canvas, as KubeOrch wrote it', async () => {
    const res = await t.rest('POST', `/v1/api/workflows/${vw}/versions/1/restore`, { token })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ message: expect.any(String), version: { version: 3, restored_from: 1 }, workflow: { id: vw, current_version: 3 } })
    const sent = kubeorchCanvas()
    for (const node of sent.nodes) expect(byId(res.body.workflow.nodes, node.id).data).toMatchObject(sentFields(node.data))
    expect(res.body.workflow.edges.map((e: { id: string }) => e.id)).toEqual(sent.edges.map((e) => e.id))
  })
})

describe("KubeOrch's status stream and node status", () => {
  let sw: string
  beforeAll(async () => {
    sw = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'watched', cluster_id: 'production-cluster' } })).body.id
    expect((await t.rest('POST', `/v1/api/workflows/${sw}/save`, { token, body: kubeorchCanvas() })).status).toBe(200)
    // What the monitor persists for a deployment with 1 of 2 pods ready (services/monitoring).
    await t.db.nodeStatus.create({
      data: { workflowId: sw, nodeId: 'node-1', state: 'partial', message: '1/2 replicas available', details: { desired: 2, updated: 2, available: 1, observed: { replicas: 2, readyReplicas: 1 } } },
    })
  })

  it('GET /workflows/:id carries each node\'s last status in data._status', async () => {
    const { body } = await t.rest('GET', `/v1/api/workflows/${sw}`, { token })
    expect(byId(body.nodes, 'node-1').data._status).toEqual({ state: 'partial', message: '1/2 replicas available', replicas: 2, readyReplicas: 1 })
    expect(byId(body.nodes, 'node-2').data._status).toBeUndefined()
  })

  it('the stream: metadata with the workflow and data._status per node, then node_update with data.status; SSE headers as KubeOrch sends them', async () => {
    const ac = new AbortController()
    const res = await t.app.handle(new Request(`http://test/v1/api/workflows/${sw}/status/stream`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: ac.signal }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    expect(res.headers.get('x-accel-buffering')).toBe('no')
    const reader = res.body!.getReader()
    const frames = sseFrames(reader)
    const metadata = await frames.next('metadata')
    // How KubeOrch's useWorkflowStatusStream reads it: parsedData.nodes[].id and .data._status.
    expect(metadata).toMatchObject({ id: sw, name: 'watched', status: 'draft', workflow_id: sw })
    const node = metadata.nodes.find((n: { id: string }) => n.id === 'node-1')
    expect(node.data._status).toEqual({ state: 'partial', message: '1/2 replicas available', replicas: 2, readyReplicas: 1 })
    expect(node).toMatchObject({ node_id: 'node-1', state: 'partial' }) // SPEC §9, beside

    t.deps.events.publish({
      type: 'node_update', workflowId: sw, nodeId: 'node-1', kind: 'deployment', state: 'healthy', message: '2/2 replicas available',
      details: { desired: 2, updated: 2, available: 2, observed: { replicas: 2, readyReplicas: 2 } },
    })
    const update = await frames.next('node_update')
    // KubeOrch: nodeData = parsedData.data || parsedData; nodeId = nodeData.node_id; status = nodeData.status.
    expect(update).toMatchObject({
      type: 'workflow', stream_key: `workflow:${sw}`, event_type: 'node_update', timestamp: expect.any(String),
      data: { node_id: 'node-1', type: 'deployment', status: { state: 'healthy', message: '2/2 replicas available', replicas: 2, readyReplicas: 2 } },
    })
    expect(update).toMatchObject({ node_id: 'node-1', state: 'healthy', message: '2/2 replicas available' }) // SPEC §9, beside
    ac.abort()
    await reader.cancel().catch(() => {})
  })

  it('per-kind words and figures of KubeOrch\'s status object', async () => {
    const cases: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
      ['service', 'healthy', { clusterIP: '10.0.0.7', nodePort: 30080 }, { state: 'healthy', clusterIP: '10.0.0.7', nodePort: 30080 }],
      ['ingress', 'partial', { rulesCount: 1 }, { state: 'pending', rulesCount: 1 }],
      ['persistentvolumeclaim', 'healthy', { capacity: '10Gi', volumeName: 'pv-1' }, { state: 'bound', capacity: '10Gi', volumeName: 'pv-1' }],
      ['job', 'error', { active: 0, succeeded: 0, failed: 7 }, { state: 'failed', failed: 7 }],
      ['configmap', 'healthy', {}, { state: 'created' }],
      ['hpa', 'healthy', {}, { state: 'stable' }],
    ]
    const ac = new AbortController()
    const res = await t.app.handle(new Request(`http://test/v1/api/workflows/${sw}/status/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal }))
    const reader = res.body!.getReader()
    const frames = sseFrames(reader)
    await frames.next('metadata')
    for (const [kind, state, observed, expected] of cases) {
      t.deps.events.publish({ type: 'node_update', workflowId: sw, nodeId: `n-${kind}`, kind, state, message: 'm', details: { observed } })
      expect((await frames.next('node_update')).data.status, kind).toMatchObject(expected)
    }
    ac.abort()
    await reader.cancel().catch(() => {})
  })
})

/** Reads SSE frames from a response, one event of a given name at a time. */
function sseFrames(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const decoder = new TextDecoder()
  let buffer = ''
  return {
    async next(event: string): Promise<any> {
      const deadline = Date.now() + 10_000
      for (;;) {
        const frames = buffer.split('\n\n')
        for (let i = 0; i < frames.length - 1; i++) {
          const m = /^event: (\w+)\ndata: (.*)$/s.exec(frames[i]!)
          if (m?.[1] === event) {
            buffer = frames.slice(i + 1).join('\n\n')
            return JSON.parse(m[2]!)
          }
        }
        if (Date.now() > deadline) throw new Error(`no ${event} event in: ${buffer.slice(0, 500)}`)
        const { value, done } = await reader.read()
        if (done) throw new Error(`stream ended before ${event}`)
        buffer += decoder.decode(value, { stream: true })
      }
    },
  }
}

describe("KubeOrch's clusters", () => {
  it('POST /clusters with the add-cluster form { name, displayName, server, authType, credentials: { token, caData } } → 201 { message, cluster }', async () => {
    const caPem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n'
    const res = await t.rest('POST', '/v1/api/clusters', {
      token,
      body: { name: 'staging', displayName: 'Staging', description: 'eu', server: 'https://127.0.0.1:1', authType: 'token', credentials: { token: 'tok-kubeorch-secret-1', caData: Buffer.from(caPem).toString('base64'), insecure: false }, labels: {} },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.message).toEqual(expect.any(String))
    expect(res.body.cluster).toMatchObject({ id: expect.any(String), name: 'staging', displayName: 'Staging', server: 'https://127.0.0.1:1', authType: 'token', default: false, status: 'error', singleNode: false, labels: {} })
    expect(JSON.stringify(res.body)).not.toContain('tok-kubeorch-secret-1')
    const row = await t.db.cluster.findFirstOrThrow({ where: { name: 'staging' } })
    expect(Buffer.from(row.credentials!).toString('latin1')).not.toContain('tok-kubeorch-secret-1')
  })

  it('a certificate is turned into an inline kubeconfig; OIDC (a plugin) and in-cluster credentials are refused naming the field', async () => {
    const cert = await t.rest('POST', '/v1/api/clusters', {
      token,
      body: { name: 'certs', displayName: 'Certs', server: 'https://127.0.0.1:1', authType: 'certificate', credentials: { clientCertData: pem('CERTIFICATE'), clientKeyData: pem('PRIVATE KEY'), insecure: true } },
    })
    expect(cert.status, JSON.stringify(cert.body)).toBe(201)
    expect(cert.body.cluster).toMatchObject({ authType: 'certificate', status: 'error' })
    const before = await t.db.cluster.count()
    const refused: [Record<string, unknown>, string][] = [
      [{ authType: 'oidc', credentials: { oidcIssuerUrl: 'https://idp', oidcClientId: 'x' } }, 'auth_type'],
      [{ authType: 'serviceaccount', credentials: { token: '' } }, 'credentials.token'],
      [{ authType: 'token', credentials: {} }, 'credentials.token'],
      [{ authType: 'token', credentials: { token: 't' }, singleNode: true }, 'single_node'],
      [{ authType: 'kubeconfig', credentials: { kubeconfig: 'not: [a kubeconfig' } }, 'credentials.kubeconfig'],
    ]
    for (const [body, field] of refused) {
      const res = await t.rest('POST', '/v1/api/clusters', { token, body: { name: 'nope', server: 'https://127.0.0.1:1', ...body } })
      expect(res.status, field).toBe(400)
      expect(res.body.details.issues[0].field, JSON.stringify(res.body)).toBe(field)
    }
    expect(await t.db.cluster.count()).toBe(before)
  })

  it('PUT /clusters/:name/default, GET /clusters → { clusters, default }, GET /clusters/default, GET /clusters/:name/status', async () => {
    const set = await t.rest('PUT', '/v1/api/clusters/staging/default', { token })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ message: expect.any(String), cluster: { name: 'staging', default: true } })
    const list = await t.rest('GET', '/v1/api/clusters', { token })
    expect(list.body.default).toBe(set.body.cluster.id)
    expect(list.body.clusters.find((c: { name: string }) => c.name === 'staging')).toMatchObject({ default: true, displayName: 'Staging', status: 'error' })
    expect(list.body.clusters.find((c: { name: string }) => c.name === 'production-cluster')).toMatchObject({ default: false, status: 'unknown' })
    expect((await t.rest('GET', '/v1/api/clusters/default', { token })).body).toMatchObject({ name: 'staging', default: true })
    const status = await t.rest('GET', '/v1/api/clusters/staging/status', { token })
    expect(status.body).toEqual({ cluster: 'staging', status: 'error', message: expect.any(String), lastCheck: expect.any(String), isStale: false, isOnline: false })
  })

  it("another user's cluster cannot be made default or read; without a default, GET /clusters/default is 404", async () => {
    const other = await t.signUp('other-orch')
    expect((await t.rest('PUT', '/v1/api/clusters/staging/default', { token: other.token })).status).toBe(404)
    expect((await t.rest('GET', '/v1/api/clusters/staging/status', { token: other.token })).status).toBe(404)
    expect((await t.rest('GET', '/v1/api/clusters/default', { token: other.token })).status).toBe(404)
    expect((await t.db.user.findUniqueOrThrow({ where: { id: other.userId } })).defaultClusterId).toBeNull()
  })
})

describe("KubeOrch's auth and dashboard", () => {
  it('POST /auth/refresh with a valid session token → { token, user }; the new token works', async () => {
    const res = await t.rest('POST', '/v1/api/auth/refresh', { token, body: {} })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ token: expect.any(String), user: { email: 'orch@example.test' } })
    expect((await t.rest('GET', '/v1/api/workflows', { token: res.body.token })).status).toBe(200)
  })

  it('refuses an expired or forged session token and an API token', async () => {
    const me = (await t.rest('POST', '/v1/api/auth/refresh', { token })).body.user.id
    // The same live session, in a token that expires at once.
    const sid = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string
    const expired = await signSessionToken(me, sid, t.deps.config.jwtSecret, 1)
    await new Promise((r) => setTimeout(r, 2100))
    expect((await t.rest('POST', '/v1/api/auth/refresh', { token: expired })).status).toBe(401)
    expect((await t.rest('POST', '/v1/api/auth/refresh', { token: `${token.slice(0, -4)}AAAA` })).status).toBe(401)
    const api = (await t.rest('POST', '/v1/api/auth/tokens', { token, body: { name: 'script' } })).body.token
    const refused = await t.rest('POST', '/v1/api/auth/refresh', { token: api })
    expect(refused.status).toBe(401)
    expect(refused.body.error).toMatch(/API tokens/)
  })

  it('GET /auth/methods (public) → { builtin: { enabled, signupEnabled }, providers }', async () => {
    const res = await t.rest('GET', '/v1/api/auth/methods')
    expect(res.body).toEqual({ builtin: { enabled: true, signupEnabled: true }, providers: [] })
  })

  it("GET /dashboard/stats → each figure { value, change, trend }, counting only what the user can see", async () => {
    const other = await t.signUp('stranger')
    await t.rest('POST', '/v1/api/clusters', { token: other.token, body: { name: 'c' } })
    await t.rest('POST', '/v1/api/workflows', { token: other.token, body: { name: 'not yours', cluster_id: 'c' } })
    const mine = await t.db.workflow.count({ where: { ownerId: (await t.db.user.findUniqueOrThrow({ where: { email: 'orch@example.test' } })).id, deletedAt: null } })
    const res = await t.rest('GET', '/v1/api/dashboard/stats', { token })
    expect(res.status).toBe(200)
    for (const key of ['total_workflows', 'published_workflows', 'total_runs', 'success_rate'])
      expect(res.body[key], key).toEqual({ value: expect.any(String), change: expect.any(Number), trend: expect.stringMatching(/^(up|down|neutral)$/) })
    expect(res.body.total_workflows.value).toBe(String(mine))
    expect(res.body.success_rate.value).toMatch(/^\d+\.\d%$/)
  })

  it('GET /dashboard/recent-workflows?limit=2 → { workflows } without nodes or edges; limit outside 1..20 names it', async () => {
    const res = await t.rest('GET', '/v1/api/dashboard/recent-workflows?limit=2', { token })
    expect(res.body.workflows).toHaveLength(2)
    for (const w of res.body.workflows) {
      expect(w).toMatchObject({ id: expect.any(String), name: expect.any(String), status: expect.any(String), success_count: expect.any(Number) })
      expect(w.nodes).toBeUndefined()
      expect(w.edges).toBeUndefined()
    }
    const bad = await t.rest('GET', '/v1/api/dashboard/recent-workflows?limit=50', { token })
    expect(bad.status).toBe(400)
    expect(bad.body.details.issues[0].field).toBe('limit')
  })
})

describe('runs, counts and the deliberate differences', () => {
  it('a run answers { message, run_id, status }, success/failure counts follow the runs, cluster_id is answered by name too', async () => {
    const id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'runner', cluster_id: 'production-cluster' } })).body.id
    await t.rest('POST', `/v1/api/workflows/${id}/save`, { token, body: kubeorchCanvas() })
    // KubeOrch's canvas publishes a draft before running it.
    expect((await t.rest('PUT', `/v1/api/workflows/${id}/status`, { token, body: { status: 'published' } })).body.message).toEqual(expect.any(String))
    const run = await t.rest('POST', `/v1/api/workflows/${id}/run`, { token, body: { trigger_data: {} } })
    expect(run.body).toMatchObject({ message: 'Workflow execution started', run_id: expect.any(String), status: 'running', logs: [] })
    await t.deps.background.drain() // the cluster has no credentials: the run fails
    const { body } = await t.rest('GET', `/v1/api/workflows/${id}`, { token })
    expect(body).toMatchObject({ run_count: 1, success_count: 0, failure_count: 1, cluster_name: 'production-cluster' })
    const runs = await t.rest('GET', `/v1/api/workflows/${id}/runs?limit=10`, { token })
    expect(runs.body.runs[0]).toMatchObject({ id: run.body.run_id, status: 'failed' })
  })

  it('each deliberate difference is a clear 4xx a KubeOrch client can show as is, and changes nothing', async () => {
    const id = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'strict', cluster_id: 'production-cluster' } })).body.id
    const revision = async () => (await t.db.workflow.findUniqueOrThrow({ where: { id } })).revision
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', '/v1/api/auth/register', { email: 'six@example.test', password: 'sixsix', name: 'Six' }, 400, /at least 8 characters/],
      ['POST', `/v1/api/workflows/${id}/run`, { trigger_data: {} }, 409, /publish it before running/],
      ['PUT', `/v1/api/workflows/${id}/status`, { status: 'archived' }, 200, /./],
      ['PUT', `/v1/api/workflows/${id}/status`, { status: 'published' }, 409, /cannot change workflow status from archived to published/],
      ['PUT', `/v1/api/workflows/${id}`, { name: 'x', status: 'draft' }, 400, /PUT \/workflows\/:id\/status/],
      ['PUT', `/v1/api/workflows/${id}`, { nodes: [] }, 400, /POST \/workflows\/:id\/save/],
      ['POST', `/v1/api/workflows/${id}/nodes/node-1/fix`, { fixType: 'yaml' }, 404, /no route/],
    ]
    for (const [method, path, body, status, message] of cases) {
      const res = await t.rest(method, path, { token, body })
      expect(res.status, `${method} ${path}`).toBe(status)
      expect(res.body?.error ?? res.body?.message, `${method} ${path}`).toMatch(message)
    }
    expect(await revision()).toBe(0)
    const published = (await t.rest('POST', '/v1/api/workflows', { token, body: { name: 'secrets at run', cluster_id: 'production-cluster' } })).body.id
    await t.rest('PUT', `/v1/api/workflows/${published}/status`, { token, body: { status: 'published' } })
    const withValues = await t.rest('POST', `/v1/api/workflows/${published}/run`, { token, body: { trigger_data: { secrets: { 'node-4': { API_KEY: 'v' } } } } })
    expect(withValues.status).toBe(400)
    expect(withValues.body.details.issues[0].field).toBe('trigger_data.secrets')
    expect(await t.db.workflowRun.count({ where: { workflowId: published } })).toBe(0)
  })

  it("another user's workflow is not found on every KubeOrch route (the owner check KubeOrch's diagnostics lack)", async () => {
    const other = await t.signUp('nosy')
    for (const [method, path] of [['GET', `/v1/api/workflows/${wf}`], ['POST', `/v1/api/workflows/${wf}/save`], ['GET', `/v1/api/workflows/${wf}/versions/compare?v1=1&v2=1`], ['GET', `/v1/api/workflows/${wf}/status/stream`]] as const) {
      const res = await t.rest(method, path, { token: other.token, body: method === 'POST' ? kubeorchCanvas() : undefined })
      expect(res.status, path).toBe(404)
    }
  })
})

describe('the OpenAPI document', () => {
  it("lists KubeOrch's routes", async () => {
    const paths = Object.keys((await t.rest('GET', '/v1/api-docs')).body.paths)
    for (const p of ['/v1/api/auth/refresh', '/v1/api/auth/methods', '/v1/api/dashboard/stats', '/v1/api/dashboard/recent-workflows', '/v1/api/clusters/{id}/default', '/v1/api/clusters/{id}/status', '/v1/api/clusters/default'])
      expect(paths).toContain(p)
  })
})
