import type { Workflow } from '@kubeorch/db'
import type { WorkflowEdge, WorkflowNode } from '@kubeorch/domain'

export type PublicWorkflow = Omit<Workflow, 'secretValues' | 'nodes' | 'edges'> & {
  nodes: WorkflowNode[]
  edges: WorkflowEdge[]
}

/** A workflow as APIs show it: sealed secret values stay on the server. */
type WorkflowRow = Omit<Workflow, 'nodes' | 'edges'> & { nodes: unknown; edges: unknown }

export const toPublicWorkflow = ({ secretValues: _s, nodes, edges, ...rest }: WorkflowRow): PublicWorkflow => ({
  ...rest,
  nodes: nodes as WorkflowNode[],
  edges: edges as WorkflowEdge[],
})
