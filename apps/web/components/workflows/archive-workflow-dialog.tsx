'use client'

import { useState } from 'react'
import { useMutation } from 'urql'
import { SET_WORKFLOW_STATUS } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { WorkflowSummary } from '../../lib/graphql/types'
import { FormError } from '../ui/form-error'
import { Modal } from '../ui/modal'
import { DeployedObjectsList } from './deployed-objects-list'

/** Archiving deletes the workflow's objects from its cluster: asked first, naming them. */
export function ArchiveWorkflowDialog(props: { workflow: Pick<WorkflowSummary, 'id' | 'name'>; onClose(): void; onArchived(w: WorkflowSummary): void }) {
  const [{ fetching }, setStatus] = useMutation<{ setWorkflowStatus: ApiResult<WorkflowSummary> }>(SET_WORKFLOW_STATUS)
  const [error, setError] = useState<ApiError | null>(null)

  async function confirm() {
    setError(null)
    const r = await setStatus({ id: props.workflow.id, status: 'ARCHIVED' }, { additionalTypenames: ['Workflow'] })
    const res = unwrap(r.data?.setWorkflowStatus, r.error)
    if (res.ok) props.onArchived(res.data)
    else setError(res.error)
  }

  return (
    <Modal
      title={`Archive “${props.workflow.name}”?`}
      onClose={props.onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={fetching}>
            {fetching ? 'Archiving…' : 'Archive and delete its objects'}
          </button>
        </>
      }
    >
      <FormError error={error} />
      <DeployedObjectsList workflowId={props.workflow.id} verb="deleted" />
      <p className="muted">The design, its versions and its run history stay; an archived workflow cannot be edited or run until it is unarchived.</p>
    </Modal>
  )
}
