import type { NodeKind } from '@kubeorch/domain'
import type { NodeIn } from './node-in.ts'
import { isRecord } from './node-shapes.ts'

/** What a KubeOrch link field may point at, per kind of the node holding it (our edge rules, SPEC §4). */
const LINK_TARGETS: Partial<Record<NodeKind, readonly NodeKind[]>> = {
  service: ['deployment', 'statefulset', 'daemonset'],
  hpa: ['deployment', 'statefulset'],
}

export type EdgesIn = {
  edges: unknown
  /** Per node: ids of the edges added for its link fields (not the client's; left out of answers). */
  added: Map<string, string[]>
  /** Per node: ids of the client's edges stored the other way round (answered as sent). */
  flipped: Map<string, string[]>
}

/**
 * The edges of a REST save, for nodes in KubeOrch's shape. KubeOrch's canvas also connects a
 * workload to a Service (our edges go Service → workload): such an edge is stored reversed. And
 * KubeOrch routes a Service by `targetApp` / `_linkedDeployment` and points an HPA by
 * `scaleTargetName` / `_linkedDeployment`, where ours takes an edge: a node of this canvas named
 * there (by id, else by name) gets that edge when the client drew none. A name that matches no
 * node links nothing; it is kept as the client wrote it.
 */
export function edgesFromRest(nodes: readonly NodeIn[], rawEdges: unknown): EdgesIn {
  const added = new Map<string, string[]>()
  const flipped = new Map<string, string[]>()
  const kubeorch = nodes.filter((n) => n.form?.kind === 'kubeorch' && n.id !== undefined)
  if (!Array.isArray(rawEdges) || kubeorch.length === 0) return { edges: rawEdges, added, flipped }

  const byId = new Map<string, NodeIn>()
  for (const n of nodes) if (n.id !== undefined && !byId.has(n.id)) byId.set(n.id, n)
  const push = (map: Map<string, string[]>, nodeId: string, edgeId: string) => map.set(nodeId, [...(map.get(nodeId) ?? []), edgeId])

  const edges = rawEdges.map((edge: unknown) => {
    if (!isRecord(edge) || typeof edge.source !== 'string' || typeof edge.target !== 'string' || typeof edge.id !== 'string') return edge
    const source = byId.get(edge.source)
    const target = byId.get(edge.target)
    if (target?.form?.kind !== 'kubeorch' || target.type !== 'service' || !source?.type || !LINK_TARGETS.service!.includes(source.type)) return edge
    push(flipped, target.id!, edge.id)
    return { ...edge, source: edge.target, target: edge.source, sourceHandle: edge.targetHandle, targetHandle: edge.sourceHandle }
  })

  const ids = new Set(edges.map((e) => (isRecord(e) ? e.id : undefined)))
  for (const node of kubeorch) {
    const allowed = LINK_TARGETS[node.type!]
    if (!allowed || !node.linkTo) continue
    const linked = edges.some((e) => isRecord(e) && e.source === node.id && allowed.includes(byId.get(e.target as string)?.type as NodeKind))
    if (linked) continue
    const target = resolve(node.linkTo, allowed, nodes, byId)
    if (!target) continue
    const id = freeId(`kubeorch-link-${node.id}`, ids)
    ids.add(id)
    edges.push({ id, source: node.id, target: target.id })
    push(added, node.id!, id)
  }
  return { edges, added, flipped }
}

function resolve(link: NonNullable<NodeIn['linkTo']>, allowed: readonly NodeKind[], nodes: readonly NodeIn[], byId: Map<string, NodeIn>): NodeIn | undefined {
  const fits = (n: NodeIn | undefined) => n?.type !== undefined && allowed.includes(n.type) && (!link.kind || n.type === link.kind)
  const direct = link.nodeId === undefined ? undefined : byId.get(link.nodeId)
  if (fits(direct)) return direct
  if (link.name === undefined) return undefined
  return nodes.find((n) => fits(n) && isRecord((n.node as { data?: unknown }).data) && (n.node as { data: { name?: unknown } }).data.name === link.name)
}

/** An edge id no other edge has, within the 100 characters an id may take. */
function freeId(base: string, taken: Set<unknown>): string {
  const stem = base.slice(0, 90)
  let id = stem
  for (let i = 2; taken.has(id); i++) id = `${stem}-${i}`
  return id
}
