import type { WorkflowVersion } from '@kubeorch/db'
import type { WorkflowEdge, WorkflowNode } from '@kubeorch/domain'

export type PublicVersion = Omit<WorkflowVersion, 'secretValues' | 'nodes' | 'edges'> & {
  nodes: WorkflowNode[]
  edges: WorkflowEdge[]
}

export const toPublicVersion = ({ secretValues: _s, nodes, edges, ...rest }: WorkflowVersion): PublicVersion => ({
  ...rest,
  nodes: nodes as WorkflowNode[],
  edges: edges as WorkflowEdge[],
})
