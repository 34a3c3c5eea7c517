import type { WorkflowStatus } from '@kubeorch/db'

/** SPEC §5: the allowed status changes, written once. */
export const WORKFLOW_TRANSITIONS: Record<WorkflowStatus, WorkflowStatus[]> = {
  DRAFT: ['PUBLISHED', 'ARCHIVED'],
  PUBLISHED: ['DRAFT', 'ARCHIVED'],
  ARCHIVED: ['DRAFT'],
}

export const canTransition = (from: WorkflowStatus, to: WorkflowStatus) => WORKFLOW_TRANSITIONS[from].includes(to)
