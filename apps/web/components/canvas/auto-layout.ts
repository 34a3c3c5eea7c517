import dagre from '@dagrejs/dagre'
import type { XYPosition } from '@xyflow/react'
import type { CanvasEdge, CanvasNode } from './store/design'

const DEFAULT_SIZE = { width: 220, height: 110 }

/**
 * Left-to-right layered layout (edges point from ingress → service → workload, config → workload),
 * using each node's measured size. Returns top-left positions by node id.
 */
export function autoLayout(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Record<string, XYPosition> {
  const g = new dagre.graphlib.Graph()
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const n of nodes) {
    g.setNode(n.id, { width: n.measured?.width ?? DEFAULT_SIZE.width, height: n.measured?.height ?? DEFAULT_SIZE.height })
  }
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target)
  dagre.layout(g)
  const out: Record<string, XYPosition> = {}
  for (const n of nodes) {
    const p = g.node(n.id)
    if (!p) continue
    out[n.id] = { x: Math.round(p.x - p.width / 2), y: Math.round(p.y - p.height / 2) }
  }
  return out
}
