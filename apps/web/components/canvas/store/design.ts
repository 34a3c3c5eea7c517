import { recomputeLinks, type NodeKind, type WorkflowGraph } from '@kubeorch/domain'
import type { Edge, Node } from '@xyflow/react'
import type { StoredEdge, StoredNode } from '../../../lib/graphql/types'

export type NodeData = Record<string, unknown>
export type CanvasNode = Node<NodeData, NodeKind>
export type CanvasEdge = Edge
/** What is saved and versioned: ids, kinds, positions, data and edges. No selection, size or styling. */
export type Design = { nodes: StoredNode[]; edges: StoredEdge[] }

export function toDesign(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Design {
  return {
    nodes: nodes.map((n) => ({ id: n.id, type: n.type as string, position: { x: n.position.x, y: n.position.y }, data: n.data })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.sourceHandle ? { sourceHandle: e.sourceHandle } : {}),
      ...(e.targetHandle ? { targetHandle: e.targetHandle } : {}),
    })),
  }
}

export function fromDesign(design: Design): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  return {
    nodes: design.nodes.map((n) => ({ id: n.id, type: n.type as NodeKind, position: n.position, data: n.data ?? {} })),
    edges: design.edges.map(toCanvasEdge),
  }
}

export function toCanvasEdge(e: StoredEdge): CanvasEdge {
  return { id: e.id, source: e.source, target: e.target, sourceHandle: e.sourceHandle ?? null, targetHandle: e.targetHandle ?? null }
}

/**
 * Linked fields (`_linked*`) follow the edges: the domain recomputes them for the whole graph.
 * Nodes whose data did not change keep their object identity, so memoized cards do not re-render.
 */
export function withLinks(nodes: CanvasNode[], edges: CanvasEdge[]): CanvasNode[] {
  const graph = recomputeLinks(toDesign(nodes, edges) as WorkflowGraph)
  let changed = false
  const next = nodes.map((node, i) => {
    const data = graph.nodes[i]!.data
    if (sameJson(node.data, data)) return node
    changed = true
    return { ...node, data }
  })
  return changed ? next : nodes
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}
