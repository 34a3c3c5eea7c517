import { article, connectionRule, isNodeKind, kindRegistry, type NodeKind, type RuleNode } from '@kubeorch/domain'
import type { CanvasEdge, CanvasNode } from './design'

export type ConnectionCheck = { ok: true } | { ok: false; reason: string }

/**
 * Whether a new edge may be drawn: the domain's connectionRule, the same edge rules validateGraph
 * applies on save (kind pairs, namespaces, duplicates, one target per service, hpa or ingress
 * path, one hpa per workload). The canvas's isValidConnection, onConnect and the drop hints
 * during a drag all ask it.
 */
export function checkConnection(
  connection: { source: string; target: string; sourceHandle?: string | null },
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): ConnectionCheck {
  const source = nodes.find((n) => n.id === connection.source)
  const target = nodes.find((n) => n.id === connection.target)
  if (!source || !target || !isNodeKind(source.type) || !isNodeKind(target.type)) return { ok: false, reason: 'Connect two nodes.' }
  const ruleNodes = nodes.flatMap((n) => (isNodeKind(n.type) ? [{ id: n.id, type: n.type, data: n.data }] : []))
  const verdict = connectionRule({ nodes: ruleNodes, edges }, connection, { describe: label })
  return verdict.ok ? verdict : { ok: false, reason: `${capitalize(verdict.reason)}.` }
}

/** `Service “web”`: names alone are ambiguous (a Service and its Deployment are often both "web"). */
function label(node: RuleNode): string {
  return `${kindRegistry[node.type].label} “${String(node.data.name ?? node.id)}”`
}

/** "a Service", "an Ingress": a kind's label with its article. */
export function aKind(kind: NodeKind): string {
  const name = kindRegistry[kind].label
  return `${article(name)} ${name}`
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
