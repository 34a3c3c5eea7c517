import { validateGraph, type WorkflowGraph } from '@kubeorch/domain'

/**
 * A realistic design of `units` × 5 nodes: every unit is a Deployment with a Service routing to
 * it, a ConfigMap and a Secret mounted into it, plus one of HPA, NetworkPolicy, PVC, Ingress (to
 * the unit's Service) or a CronJob. 5 nodes and 5 rendered objects per unit, 4 edges (the
 * CronJob unit has 3).
 */
export function appGraph(units: number, namespace: string, variant = 0): WorkflowGraph {
  const nodes: WorkflowGraph['nodes'] = []
  const edges: WorkflowGraph['edges'] = []
  const node = (type: string, id: string, data: Record<string, unknown>, x: number, y: number) =>
    nodes.push({ id, type, position: { x, y }, data: { namespace, ...data } } as WorkflowGraph['nodes'][number])
  const edge = (source: string, target: string, sourceHandle?: string) =>
    edges.push({ id: `e-${source}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) })
  for (let u = 0; u < units; u++) {
    const n = `app${u}`
    const x = (u % 10) * 1200
    const y = Math.floor(u / 10) * 400
    node('deployment', `${n}-dep`, {
      name: n,
      image: `ghcr.io/example/${n}:1.${variant}`,
      replicas: 1,
      ports: [{ containerPort: 8080, name: 'http' }],
      env: [{ name: 'LOG_LEVEL', value: variant % 2 ? 'debug' : 'info' }],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    }, x, y)
    node('service', `${n}-svc`, { name: n, port: 80 }, x + 250, y)
    node('configmap', `${n}-cfg`, { name: `${n}-cfg`, data: { 'app.yaml': `unit: ${u}\nvariant: ${variant}\n` }, mountPath: '/etc/app' }, x, y + 150)
    node('secret', `${n}-sec`, { name: `${n}-sec`, entries: [{ key: 'TOKEN', value: `token-${u}` }], mountPath: '/etc/secret' }, x + 250, y + 150)
    edge(`${n}-svc`, `${n}-dep`)
    edge(`${n}-cfg`, `${n}-dep`)
    edge(`${n}-sec`, `${n}-dep`)
    switch (u % 5) {
      case 0:
        node('hpa', `${n}-hpa`, { name: n, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 70 }, x + 500, y)
        edge(`${n}-hpa`, `${n}-dep`)
        break
      case 1:
        node('networkpolicy', `${n}-np`, { name: n, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }], ports: [{ port: 8080 }] }] }, x + 500, y)
        edge(`${n}-np`, `${n}-dep`)
        break
      case 2:
        node('persistentvolumeclaim', `${n}-pvc`, { name: `${n}-data`, storage: '1Gi', accessModes: ['ReadWriteOnce'], mountPath: '/data' }, x + 500, y)
        edge(`${n}-pvc`, `${n}-dep`)
        break
      case 3:
        node('ingress', `${n}-ing`, { name: n, host: `${n}.example.test`, paths: [{ id: 'root', path: '/', pathType: 'Prefix' }] }, x + 500, y)
        edge(`${n}-ing`, `${n}-svc`, 'root')
        break
      default:
        node('cronjob', `${n}-cron`, { name: `${n}-report`, image: 'busybox:1.36', command: ['sh', '-c', 'echo report'], schedule: '0 3 * * *' }, x + 500, y)
    }
  }
  const checked = validateGraph({ nodes, edges })
  if (!checked.ok) throw new Error(`bench graph is invalid: ${JSON.stringify(checked.issues.slice(0, 3))}`)
  return { nodes, edges }
}

/**
 * A second version of a design: a tenth of the Deployments get a new image and replica count,
 * a twentieth of the units are removed, a few new units are added, and every node moves.
 */
export function editedGraph(g: WorkflowGraph, namespace: string): WorkflowGraph {
  const removedUnits = new Set<string>()
  const units = new Set(g.nodes.map((n) => n.id.split('-')[0]!))
  let i = 0
  for (const u of units) if (i++ % 20 === 7) removedUnits.add(u)
  const keep = (id: string) => !removedUnits.has(id.split('-')[0]!)
  let deployments = 0
  const nodes = g.nodes.filter((n) => keep(n.id)).map((n) => {
    const moved = { ...n, position: { x: n.position.x + 5, y: n.position.y + 3 } }
    if (n.type === 'deployment' && deployments++ % 10 === 0) return { ...moved, data: { ...n.data, image: `${(n.data as { image: string }).image}-patched`, replicas: 2 } }
    return moved
  })
  const extra = appGraph(3, namespace, 1)
  const rename = (id: string) => id.replace(/app(\d+)/g, (_m, d) => `new${d}`)
  for (const n of extra.nodes) nodes.push({ ...n, id: rename(n.id), data: { ...n.data, name: String((n.data as { name: string }).name).replace(/^app/, 'new') } })
  const edges = [
    ...g.edges.filter((e) => keep(e.source) && keep(e.target)),
    ...extra.edges.map((e) => ({ ...e, id: rename(e.id), source: rename(e.source), target: rename(e.target) })),
  ]
  const checked = validateGraph({ nodes, edges })
  if (!checked.ok) throw new Error(`edited bench graph is invalid: ${JSON.stringify(checked.issues.slice(0, 3))}`)
  return { nodes, edges }
}

export const graphs = { app: appGraph, edited: editedGraph }
