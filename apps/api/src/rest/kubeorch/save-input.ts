import { deepEqual, isNodeKind, type WorkflowGraph } from '@kubeorch/domain'
import { ValidationError, type GraphIssue } from '../../errors.ts'
import { edgesFromRest, type EdgesIn } from './node-edges.ts'
import { nodeFromRest, type NodeIn } from './node-in.ts'
import { kubeorchData, type ClientBag } from './node-out.ts'
import { isRecord, ownValue, setOwn } from './node-shapes.ts'

type Body = Record<string, unknown>

export type RestSave = {
  /** What the save service takes: nodes and edges as the domain reads them. */
  input: Body
  /** Each node's client data, computed from the graph about to be stored. */
  clientData: (graph: WorkflowGraph) => Map<string, ClientBag>
  /** Issues of the service, named in the fields the client wrote. */
  renameIssues: (e: ValidationError) => ValidationError
}

/**
 * A REST save body (ours, or KubeOrch's `{ nodes, edges, description }`) as the save service
 * takes it, with what is needed to answer each node the way it was written. Nodes in our shape
 * pass unchanged; see node-in.ts and node-edges.ts for KubeOrch's. A field KubeOrch's canvas
 * writes that this server refuses (a custom selector, host networking…) is a 400 naming it.
 */
export function saveFromRest(body: unknown): RestSave {
  const b: Body = isRecord(body) ? body : {}
  const issues: GraphIssue[] = []
  const mapped: NodeIn[] = Array.isArray(b.nodes)
    ? b.nodes.map((raw: unknown, index) =>
        nodeFromRest(raw, (field, message) =>
          issues.push({ path: ['nodes', index, 'data', ...field], message, ...(isRecord(raw) && typeof raw.id === 'string' ? { nodeId: raw.id } : {}) }),
        ),
      )
    : []
  if (issues.length > 0) throw new ValidationError(issues)
  const linked: EdgesIn = Array.isArray(b.nodes) ? edgesFromRest(mapped, b.edges) : { edges: b.edges, added: new Map(), flipped: new Map() }
  const input: Body = { ...b, ...(Array.isArray(b.nodes) ? { nodes: mapped.map((m) => m.node) } : {}), edges: linked.edges }
  if (!('edges' in b)) delete input.edges

  const forms = new Map(mapped.filter((m) => m.form && m.id !== undefined).map((m) => [m.id!, m]))
  return {
    input,
    clientData: (graph) => {
      const bags = new Map<string, ClientBag>()
      for (const node of graph.nodes) {
        const m = forms.get(node.id)
        if (!m?.form) continue
        if (m.form.kind === 'port') {
          bags.set(node.id, { port: true })
          continue
        }
        const answer = kubeorchData(node.type, node.data as Record<string, unknown>)
        const fields: NonNullable<ClientBag['fields']> = {}
        for (const [field, value] of Object.entries(m.form.sent)) {
          const was = ownValue(answer, field)
          if (field.startsWith('_') || deepEqual(was, value)) continue
          setOwn(fields, field, was === undefined ? { sent: value } : { sent: value, was })
        }
        const edges = linked.added.get(node.id)
        const flipped = linked.flipped.get(node.id)
        bags.set(node.id, {
          kubeorch: true,
          ...(Object.keys(fields).length ? { fields } : {}),
          ...(edges ? { edges } : {}),
          ...(flipped ? { flipped } : {}),
        })
      }
      return bags
    },
    renameIssues: (e) => new ValidationError(e.issues.map((i) => renameIssue(i, mapped, Array.isArray(b.edges) ? b.edges.length : 0))),
  }
}

/** Our field names (renamed, reshaped) back to KubeOrch's, for a node written in its shape. */
const FIELD_NAMES: Record<string, string> = {
  targetCPUUtilizationPercentage: 'targetCPUUtilization',
  targetMemoryUtilizationPercentage: 'targetMemoryUtilization',
  entries: 'keys',
  tls: 'tlsSecretName',
}

function renameIssue(issue: GraphIssue, mapped: readonly NodeIn[], sentEdges: number): GraphIssue {
  const [root, index, data, field, ...rest] = issue.path
  if (root === 'nodes' && typeof index === 'number' && data === 'data' && typeof field === 'string' && mapped[index]?.form?.kind === 'kubeorch') {
    if (field === 'behavior' && (rest[0] === 'scaleDown' || rest[0] === 'scaleUp'))
      return { ...issue, path: ['nodes', index, 'data', `${rest[0]}Stabilization`] }
    const theirs = FIELD_NAMES[field]
    if (theirs) return { ...issue, path: ['nodes', index, 'data', theirs, ...(theirs === 'keys' ? rest : [])] }
  }
  // An edge the server added for a link field: the field is what the client wrote.
  if (root === 'edges' && typeof index === 'number' && index >= sentEdges) {
    const owner = mapped.findIndex((m) => m.id !== undefined && issue.edgeId?.startsWith(`kubeorch-link-${m.id}`))
    if (owner >= 0 && isNodeKind(mapped[owner]!.type))
      return { ...issue, path: ['nodes', owner, 'data', mapped[owner]!.type === 'hpa' ? 'scaleTargetName' : 'targetApp'] }
  }
  return issue
}
