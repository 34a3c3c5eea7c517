import type { WorkflowStatus } from '../../lib/graphql/types'

const LABEL: Record<WorkflowStatus, string> = { DRAFT: 'Draft', PUBLISHED: 'Published', ARCHIVED: 'Archived' }

export function StatusBadge({ status }: { status: WorkflowStatus }) {
  return <span className={`badge badge-${status}`}>{LABEL[status]}</span>
}
