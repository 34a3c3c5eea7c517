import type { GraphDiff, WorkflowGraph } from '@kubeorch/domain'
import { dataToRest } from './node-out.ts'

type Comparison = { v1: number; v2: number; graph: GraphDiff; graphs: { from: WorkflowGraph; to: WorkflowGraph } }

/**
 * KubeOrch's VersionDiff beside ours, from the same comparison: the nodes ours finds added,
 * removed or modified (design only: a move or a status change is not a modification, SPEC §6),
 * each with its whole data before and after, in the shape its client wrote it.
 */
export function kubeorchDiff(c: Comparison) {
  const from = new Map(c.graphs.from.nodes.map((n) => [n.id, n]))
  const to = new Map(c.graphs.to.nodes.map((n) => [n.id, n]))
  const dataOf = (nodes: typeof from, id: string) => {
    const n = nodes.get(id)
    return n ? dataToRest(n.type, n.data) : null
  }
  const edge = (e: { id: string; source: string; target: string }) => ({ edge_id: e.id, source: e.source, target: e.target })
  return {
    from_version: c.v1,
    to_version: c.v2,
    added_nodes: c.graph.nodes.added.map((n) => ({ node_id: n.id, type: n.type, new_data: dataOf(to, n.id) })),
    removed_nodes: c.graph.nodes.removed.map((n) => ({ node_id: n.id, type: n.type, old_data: dataOf(from, n.id) })),
    modified_nodes: c.graph.nodes.modified.map((n) => ({ node_id: n.id, type: n.type, old_data: dataOf(from, n.id), new_data: dataOf(to, n.id) })),
    added_edges: c.graph.edges.added.map(edge),
    removed_edges: c.graph.edges.removed.map(edge),
  }
}
