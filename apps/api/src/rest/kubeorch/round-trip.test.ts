import fc from 'fast-check'
import { validateGraph } from '@kubeorch/domain'
import { describe, expect, it } from 'vitest'
import { withClientData } from '../../services/workflows/client-data.ts'
import { graphToRest } from './node-out.ts'
import { saveFromRest } from './save-input.ts'

// The save path of a KubeOrch canvas without the database: what saveWorkflow does to a graph
// (validate, normalize, attach client data) between saveFromRest and the answer.
function saveAndRead(body: { nodes: unknown[]; edges: unknown[] }) {
  const save = saveFromRest(body)
  const input = save.input as { nodes: unknown[]; edges: unknown[] }
  const checked = validateGraph({ nodes: input.nodes, edges: input.edges })
  if (!checked.ok) return { ok: false as const, issues: checked.issues }
  const stored = withClientData(input.nodes, checked.graph, save.clientData)
  // Stored as JSON and read back.
  const again = JSON.parse(JSON.stringify(stored)) as typeof stored
  return { ok: true as const, stored: again, answer: graphToRest(again.nodes, again.edges) }
}

const ownOf = (...keys: string[]) => fc.dictionary(fc.constantFrom('id', 'templateId', 'hasValidationError', ...keys), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/)

const deployment = fc.record({
  own: ownOf('envKeys'),
  name,
  replicas: fc.integer({ min: 0, max: 20 }),
  port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  emptyPort: fc.boolean(),
  cpu: fc.constantFrom('', '250m', '1'),
  memory: fc.constantFrom('', '128Mi'),
})

const service = fc.record({
  own: ownOf(),
  name,
  port: fc.integer({ min: 1, max: 65535 }),
  byName: fc.boolean(),
  drawn: fc.constantFrom('none', 'ours', 'reversed'),
  serviceType: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
})

describe('a KubeOrch canvas reads back as it was written', () => {
  it('for deployments and services with any own fields, "" for unset, link by name or id, edges drawn either way (property)', () => {
    fc.assert(
      fc.property(deployment, service, (d, s) => {
        fc.pre(d.name !== s.name)
        const depData: Record<string, unknown> = {
          ...d.own, templateId: 'core/deployment', name: d.name, namespace: 'default', image: 'nginx:1.27', replicas: d.replicas,
          resources: { limits: { cpu: d.cpu, memory: d.memory } },
        }
        if (d.port !== undefined) depData.port = d.port
        else if (d.emptyPort) depData.port = ''
        const svcData: Record<string, unknown> = {
          ...s.own, templateId: 'core/service', name: s.name, namespace: 'default', port: s.port, serviceType: s.serviceType,
          targetApp: s.byName ? d.name : '', ...(s.byName ? {} : { _linkedDeployment: 'node-1' }),
        }
        const edges =
          s.drawn === 'ours' ? [{ id: 'e1', source: 'node-2', target: 'node-1' }] : s.drawn === 'reversed' ? [{ id: 'e1', source: 'node-1', target: 'node-2' }] : []
        const body = {
          nodes: [
            { id: 'node-1', type: 'deployment', position: { x: 0, y: 0 }, data: depData },
            { id: 'node-2', type: 'service', position: { x: 1, y: 1 }, data: svcData },
          ],
          edges,
        }
        const r = saveAndRead(body)
        expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true)
        if (!r.ok) return
        const [dep, svc] = r.answer.nodes
        for (const [sent, got] of [[depData, dep!.data], [svcData, svc!.data]] as const)
          for (const [k, v] of Object.entries(sent)) if (!k.startsWith('_')) expect(got[k], k).toEqual(v)
        // The Service is linked whichever way the client said it.
        expect(svc!.data._linkedDeployment).toBe('node-1')
        expect(r.answer.edges).toEqual(edges)
        // Nothing of the client's own is design.
        for (const n of r.stored.nodes) for (const k of ['templateId', 'envKeys', 'hasValidationError', 'targetApp']) expect(n.data[k]).toBeUndefined()
      }),
      { numRuns: 300 },
    )
  })

  it('our own shape passes unchanged (no client data) except the single-port shorthand, remembered as such', () => {
    const ours = {
      nodes: [
        { id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] } },
        { id: 'api', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'api', image: 'nginx:1.27', port: 8080 } },
      ],
      edges: [],
    }
    const save = saveFromRest(ours)
    expect((save.input as { nodes: unknown[] }).nodes[0]).toBe(ours.nodes[0])
    const r = saveAndRead(ours)
    if (!r.ok) throw new Error('invalid')
    expect(r.stored.nodes[0]!.data._client).toBeUndefined()
    expect(r.stored.nodes[1]!.data).toMatchObject({ ports: [{ containerPort: 8080, protocol: 'TCP' }], _client: { port: true } })
    expect(r.answer.nodes[1]!.data).toEqual({ name: 'api', namespace: 'default', image: 'nginx:1.27', replicas: 1, env: [], port: 8080 })
    expect(r.answer.nodes[0]!.data.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }])
  })
})
