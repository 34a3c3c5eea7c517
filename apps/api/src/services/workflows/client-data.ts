import type { WorkflowGraph } from '@kubeorch/domain'
import { ValidationError, type GraphIssue } from '../../errors.ts'

/**
 * A node's "client data": what a client keeps with a node that is not design (the REST adapter
 * stores there the fields of KubeOrch's canvas that mean nothing here, and the form the client
 * wrote its fields in). It lives under this key of the node's data. The domain treats every "_"
 * key as derived and drops it, so it is never validated as design, rendered, diffed or deployed;
 * a save puts it back on each node after validation. Versions, restores and clones copy the
 * stored graph, so it travels with them.
 */
export const CLIENT_DATA_KEY = '_client'

/** Per node, in UTF-8 bytes of its JSON: client data is bounded like any other input. */
export const MAX_CLIENT_DATA_BYTES = 64 * 1024

export type ClientData = Record<string, unknown>

/**
 * Computes each node's client data from the validated, normalized graph (about to be stored).
 * Nodes it leaves out keep no client data.
 */
export type ClientDataOf = (graph: WorkflowGraph) => ReadonlyMap<string, ClientData>

/**
 * The graph to store: `graph` (validated, in the order of `sentNodes`) with each node's client
 * data: from `clientDataOf` when the caller computes it (REST), otherwise what the node was sent
 * with (a client that read it and sends it back keeps it).
 */
export function withClientData(sentNodes: readonly unknown[], graph: WorkflowGraph, clientDataOf?: ClientDataOf): WorkflowGraph {
  const computed = clientDataOf?.(graph)
  const issues: GraphIssue[] = []
  const nodes = graph.nodes.map((node, index) => {
    const bag = computed ? computed.get(node.id) : sentClientData(sentNodes[index])
    if (bag === undefined) return node
    const problem = clientDataProblem(bag)
    if (problem) {
      issues.push({ nodeId: node.id, path: ['nodes', index, 'data', CLIENT_DATA_KEY], message: problem })
      return node
    }
    return { ...node, data: { ...node.data, [CLIENT_DATA_KEY]: bag } }
  })
  if (issues.length > 0) throw new ValidationError(issues)
  return computed || nodes.some((n, i) => n !== graph.nodes[i]) ? { ...graph, nodes } : graph
}

function sentClientData(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return undefined
  const data = (node as { data?: unknown }).data
  if (typeof data !== 'object' || data === null) return undefined
  return Object.hasOwn(data, CLIENT_DATA_KEY) ? (data as Record<string, unknown>)[CLIENT_DATA_KEY] : undefined
}

function clientDataProblem(bag: unknown): string | undefined {
  if (typeof bag !== 'object' || bag === null || Array.isArray(bag)) return 'must be an object'
  const bytes = Buffer.byteLength(JSON.stringify(bag))
  if (bytes > MAX_CLIENT_DATA_BYTES)
    return `the client's own fields of this node (kept as sent) take ${bytes} bytes; at most ${MAX_CLIENT_DATA_BYTES} are kept per node`
  return undefined
}
