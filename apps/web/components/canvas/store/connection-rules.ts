import { article, canConnect, isNodeKind, kindRegistry, type NodeKind } from '@kubeorch/domain'
import type { Connection } from '@xyflow/react'
import type { CanvasEdge, CanvasNode } from './design'

export type ConnectionCheck = { ok: true } | { ok: false; reason: string }

/**
 * Whether a new edge may be drawn. The kind pair rule is the domain's `canConnect` (the same
 * predicate the server validates with); on top, the cardinalities the server would refuse:
 * a service or hpa has one target, an ingress path routes to one service.
 */
export function checkConnection(
  connection: { source: string; target: string; sourceHandle?: string | null },
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): ConnectionCheck {
  const source = nodes.find((n) => n.id === connection.source)
  const target = nodes.find((n) => n.id === connection.target)
  if (!source || !target || !isNodeKind(source.type) || !isNodeKind(target.type)) return { ok: false, reason: 'Connect two nodes.' }
  if (source.id === target.id) return { ok: false, reason: 'A node cannot connect to itself.' }
  const kinds = canConnect(source.type, target.type)
  if (!kinds.ok) return { ok: false, reason: capitalize(kinds.reason) }
  const outgoing = edges.filter((e) => e.source === source.id)
  const handle = connection.sourceHandle ?? null
  if (outgoing.some((e) => e.target === target.id && (e.sourceHandle ?? null) === handle)) {
    return { ok: false, reason: `${capitalize(label(source))} is already connected to ${label(target)}.` }
  }
  if (kindRegistry[source.type].maxTargets === 1 && outgoing.length > 0) {
    const current = nodes.find((n) => n.id === outgoing[0]!.target)
    return {
      ok: false,
      reason: `${capitalize(aKind(source.type))} has one target, and ${label(source)} already points to ${current ? label(current) : 'another node'}; remove that edge first.`,
    }
  }
  if (source.type === 'ingress' && outgoing.some((e) => (e.sourceHandle ?? null) === handle)) {
    return { ok: false, reason: `This path of ${label(source)} already routes to a service; remove that edge first.` }
  }
  return { ok: true }
}

/** `Service “web”`: names alone are ambiguous (a Service and its Deployment are often both "web"). */
function label(node: CanvasNode): string {
  const kind = isNodeKind(node.type) ? kindRegistry[node.type].label : String(node.type)
  return `${kind} “${String(node.data.name ?? node.id)}”`
}

/** "a Service", "an Ingress": a kind's label with its article. */
export function aKind(kind: NodeKind): string {
  const name = kindRegistry[kind].label
  return `${article(name)} ${name}`
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
