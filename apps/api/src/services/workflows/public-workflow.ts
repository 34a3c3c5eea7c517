import type { Workflow } from '@kubeorch/db'
import type { WorkflowEdge, WorkflowNode } from '@kubeorch/domain'

export type PublicWorkflow = Omit<Workflow, 'secretValues' | 'nodes' | 'edges'> & {
  nodes: WorkflowNode[]
  edges: WorkflowEdge[]
}

/** A workflow as APIs show it: sealed secret values stay on the server. */
export const toPublicWorkflow = ({ secretValues: _s, nodes, edges, ...rest }: Workflow): PublicWorkflow => ({
  ...rest,
  nodes: nodes as WorkflowNode[],
  edges: edges as WorkflowEdge[],
})
