export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const NAME_LABEL = 'app.kubernetes.io/name';
export const WORKFLOW_LABEL = 'kubeorch.io/workflow';
export const NODE_LABEL = 'kubeorch.io/node';
export const MANAGER = 'kubeorch';

/**
 * The labels that select a workload's pods (Service, NetworkPolicy, Deployment selector).
 * The node id keeps two workflows' same-named workloads apart; it is stable across renames.
 */
export function podSelectorLabels(nodeId: string, name: string): Record<string, string> {
  return { [NAME_LABEL]: name, [NODE_LABEL]: nodeId };
}

/** The labels every rendered object carries, so a workflow's objects can be found and pruned. */
export function ownershipLabels(workflowId: string, nodeId: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGER, [WORKFLOW_LABEL]: workflowId, [NODE_LABEL]: nodeId };
}

/** The label selector of a workflow's objects, or of one node's (its pods, for logs). */
export function workflowSelector(workflowId: string, nodeId?: string): string {
  return nodeId === undefined ? `${WORKFLOW_LABEL}=${workflowId}` : `${WORKFLOW_LABEL}=${workflowId},${NODE_LABEL}=${nodeId}`;
}
