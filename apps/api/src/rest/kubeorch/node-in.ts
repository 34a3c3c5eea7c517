import { isNodeKind, type NodeKind } from '@kubeorch/domain'
import {
  COMMON_INERT,
  COMMON_OWN,
  CONTAINER_KINDS,
  KIND_SHAPES,
  RUNTIME_KEYS,
  isEmpty,
  isInertValue,
  isRecord,
  kubeorchOnlyFields,
  setOwn,
  type Data,
  type Report,
} from './node-shapes.ts'

/**
 * How a client wrote one node, remembered to answer it the same way: in KubeOrch's shape (with
 * what it sent, trimmed, runtime state left out), or ours with the single-`port` shorthand.
 */
export type NodeForm = { kind: 'kubeorch'; sent: Data } | { kind: 'port' }

export type NodeIn = {
  /** The node as the domain reads it (a node that is not even an object is passed on for the domain to refuse). */
  node: unknown
  id?: string
  type?: NodeKind
  form?: NodeForm
  /** KubeOrch's link to a workload by node id (`_linkedDeployment`), or by name (targetApp / scaleTargetName). */
  linkTo?: { nodeId?: string; name?: string; kind?: string }
}

/** Keys that name an object's prototype machinery: never a field, never kept (as the domain drops them). */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const onlyFields = new Map<NodeKind, ReadonlySet<string>>()
const kubeorchFields = (kind: NodeKind) => onlyFields.get(kind) ?? onlyFields.set(kind, kubeorchOnlyFields(kind)).get(kind)!

/** True when a node's data carries something only KubeOrch's canvas writes. */
function writtenByKubeorch(kind: NodeKind, data: Data): boolean {
  const fields = kubeorchFields(kind)
  const empty = KIND_SHAPES[kind].emptyIsUnset ?? []
  for (const key of Object.keys(data)) {
    if (fields.has(key)) return true
    if (key === '_linkedDeployment' && typeof data[key] === 'string') return true
    if (empty.includes(key) && isEmpty(data[key])) return true
  }
  return false
}

/**
 * One node of a REST save, as the domain reads it. A node in our shape passes unchanged (no copy:
 * a 500-node canvas of ours costs one key scan per node). A node in KubeOrch's shape is mapped:
 * renamed and reshaped fields become ours, its own fields are set aside (kept by the caller as
 * the node's client data), runtime state is dropped. Refusals go to `report`, naming its field.
 */
export function nodeFromRest(raw: unknown, report: Report): NodeIn {
  if (!isRecord(raw) || !isNodeKind(raw.type) || !isRecord(raw.data)) return { node: raw }
  const kind = raw.type
  const data = raw.data
  const id = typeof raw.id === 'string' ? raw.id : undefined
  if (!writtenByKubeorch(kind, data)) {
    const form: NodeForm | undefined = CONTAINER_KINDS.has(kind) && typeof data.port === 'number' ? { kind: 'port' } : undefined
    return { node: raw, id, type: kind, form }
  }

  const shape = KIND_SHAPES[kind]
  const sent = trimmed(kind, data)
  const design: Data = {}
  const own = new Set<string>([...COMMON_OWN, ...(shape.own ?? [])])
  const inert = { ...COMMON_INERT, ...shape.inert }
  for (const [key, value] of Object.entries(sent)) {
    if (key.startsWith('_') || own.has(key) || PROTOTYPE_KEYS.has(key)) continue // runtime and linked state is the server's
    if (Object.hasOwn(inert, key)) {
      if (!isInertValue(value)) report([key], inert[key]!)
      continue
    }
    if (shape.emptyIsUnset?.includes(key) && isEmpty(value)) continue
    setOwn(design, shape.renames?.[key] ?? key, value)
  }
  shape.toDesign?.(sent, design, report)

  return {
    node: { ...raw, data: design },
    id,
    type: kind,
    form: { kind: 'kubeorch', sent: withoutRuntime(kind, sent) },
    linkTo: linkOf(kind, sent),
  }
}

/** KubeOrch trims these before storing; its client reads them back trimmed. */
function trimmed(kind: NodeKind, data: Data): Data {
  const out: Data = { ...data }
  for (const key of ['name', 'namespace', ...(CONTAINER_KINDS.has(kind) ? ['image'] : [])])
    if (typeof out[key] === 'string') out[key] = (out[key] as string).trim()
  return out
}

/** What is remembered of what was sent: no runtime state, and never a secret value. */
function withoutRuntime(kind: NodeKind, sent: Data): Data {
  const out: Data = {}
  for (const [key, value] of Object.entries(sent)) {
    if ((RUNTIME_KEYS as readonly string[]).includes(key) || key.startsWith('_linked') || key === '_client' || PROTOTYPE_KEYS.has(key)) continue
    setOwn(out, key, value)
  }
  if (kind === 'secret' && Array.isArray(out.keys))
    out.keys = out.keys.map((k: unknown) => (isRecord(k) ? Object.fromEntries(Object.entries(k).filter(([f]) => f !== 'value')) : k))
  return out
}

function linkOf(kind: NodeKind, sent: Data): NodeIn['linkTo'] {
  const byId = typeof sent._linkedDeployment === 'string' && sent._linkedDeployment !== '' ? sent._linkedDeployment : undefined
  if (kind === 'service') {
    const name = typeof sent.targetApp === 'string' && sent.targetApp !== '' ? sent.targetApp : undefined
    return byId || name ? { nodeId: byId, name } : undefined
  }
  if (kind === 'hpa') {
    const name = typeof sent.scaleTargetName === 'string' && sent.scaleTargetName !== '' ? sent.scaleTargetName : undefined
    const target = typeof sent.scaleTargetKind === 'string' ? sent.scaleTargetKind.toLowerCase() : undefined
    return byId || name ? { nodeId: byId, name, kind: target } : undefined
  }
  return undefined
}
