import { deepEqual, isNodeKind, type NodeKind } from '@kubeorch/domain'
import { kubeorchStatus, type NodeState } from './node-status.ts'
import { KIND_SHAPES, isRecord, ownValue, setOwn, type Data } from './node-shapes.ts'

/** The client data key the save service keeps per node (services/workflows/client-data.ts). */
export const CLIENT_KEY = '_client'

/**
 * What the REST adapter keeps as a node's client data:
 * - `kubeorch`: the node was written in KubeOrch's shape, and is answered in it;
 * - `fields`: what the client sent where our answer would differ (its own fields, "" for unset,
 *   editor ids…): `sent` is answered while the design still reads as `was` (absent: not there),
 *   so an edit made elsewhere (GraphQL, a fix) shows instead of a stale copy;
 * - `edges` / `flipped`: edges the server added for a link field / stored the other way round;
 * - `port`: our shape, with the single-`port` shorthand.
 */
export type ClientBag = {
  kubeorch?: true
  port?: true
  fields?: Record<string, { sent: unknown; was?: unknown }>
  edges?: string[]
  flipped?: string[]
}

type Node = { id: string; type: string; position: unknown; data: Record<string, unknown> }
type Edge = Record<string, unknown> & { id: string; source: string; target: string }

/** A stored bag, checked: clients (GraphQL) may send anything under the key. */
export function readBag(data: Data): ClientBag | undefined {
  const raw = data[CLIENT_KEY]
  if (!isRecord(raw)) return undefined
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined)
  const fields = isRecord(raw.fields)
    ? Object.fromEntries(Object.entries(raw.fields).filter(([, e]) => isRecord(e) && Object.hasOwn(e, 'sent'))) as ClientBag['fields']
    : undefined
  return {
    ...(raw.kubeorch === true ? { kubeorch: true } : {}),
    ...(raw.port === true ? { port: true } : {}),
    ...(fields ? { fields } : {}),
    ...(strings(raw.edges) ? { edges: strings(raw.edges) } : {}),
    ...(strings(raw.flipped) ? { flipped: strings(raw.flipped) } : {}),
  }
}

/** A stored node's data in KubeOrch's shape, without client data or status: what KubeOrch would read from our design. */
export function kubeorchData(kind: NodeKind, data: Data): Data {
  const out: Data = structuredClone(data)
  delete out[CLIENT_KEY]
  delete out._status
  KIND_SHAPES[kind].fromDesign?.(out)
  return out
}

/** A node's data as answered over REST, in the shape its client wrote it. */
export function dataToRest(kind: string, data: Data, status?: NodeState): Data {
  const bag = readBag(data)
  if (!bag && !status) return data
  let out: Data
  if (bag?.kubeorch && isNodeKind(kind)) {
    out = kubeorchData(kind, data)
    for (const [field, entry] of Object.entries(bag.fields ?? {})) if (deepEqual(ownValue(out, field), entry.was)) setOwn(out, field, entry.sent)
  } else {
    out = { ...data }
    delete out[CLIENT_KEY]
    if (bag?.port) singlePortShorthand(out)
  }
  if (status) out._status = kubeorchStatus(isNodeKind(kind) ? kind : undefined, status)
  return out
}

/** Our `ports` back to the `port` the client wrote, while it is still one plain TCP port. */
function singlePortShorthand(data: Data): void {
  const ports = data.ports
  if (!Array.isArray(ports) || ports.length !== 1 || !isRecord(ports[0])) return
  const [p] = ports as Data[]
  if (p!.name !== undefined || (p!.protocol ?? 'TCP') !== 'TCP') return
  data.port = p!.containerPort
  delete data.ports
}

/**
 * A stored graph as answered over REST: each node in its client's shape (with its last status in
 * `data._status` when `statuses` are given), the edges as the client drew them.
 */
export function graphToRest<N extends Node, E extends Edge>(nodes: readonly N[], edges: readonly E[], statuses?: ReadonlyMap<string, NodeState>) {
  const hidden = new Set<string>()
  const reversed = new Set<string>()
  const outNodes = nodes.map((node) => {
    const status = statuses?.get(node.id)
    const data = isRecord(node.data) ? dataToRest(node.type, node.data, status) : node.data
    if (data === node.data) return node
    const bag = readBag(node.data)
    if (bag?.kubeorch) {
      for (const id of bag.edges ?? []) hidden.add(id)
      for (const id of bag.flipped ?? []) reversed.add(id)
    }
    return { ...node, data }
  })
  if (hidden.size === 0 && reversed.size === 0) return { nodes: outNodes, edges }
  const outEdges = edges
    .filter((e) => !hidden.has(e.id))
    .map((e) => (reversed.has(e.id) ? { ...e, source: e.target, target: e.source, sourceHandle: e.targetHandle, targetHandle: e.sourceHandle } : e))
  return { nodes: outNodes, edges: outEdges }
}
