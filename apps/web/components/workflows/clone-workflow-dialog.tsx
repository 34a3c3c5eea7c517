'use client'

import { useState, type FormEvent } from 'react'
import { useMutation } from 'urql'
import { CLONE_WORKFLOW } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { WorkflowSummary } from '../../lib/graphql/types'
import { FormError } from '../ui/form-error'
import { Modal } from '../ui/modal'

export function CloneWorkflowDialog(props: { workflow: WorkflowSummary; onClose(): void; onCloned(w: WorkflowSummary): void }) {
  const [{ fetching }, clone] = useMutation<{ cloneWorkflow: ApiResult<WorkflowSummary> }>(CLONE_WORKFLOW)
  const [error, setError] = useState<ApiError | null>(null)

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const name = String(new FormData(e.currentTarget).get('name') ?? '').trim()
    const r = await clone({ id: props.workflow.id, name }, { additionalTypenames: ['Workflow'] })
    const res = unwrap(r.data?.cloneWorkflow, r.error)
    if (res.ok) props.onCloned(res.data)
    else setError(res.error)
  }

  return (
    <Modal
      title={`Clone “${props.workflow.name}”`}
      onClose={props.onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" form="clone-workflow" className="btn btn-primary" disabled={fetching}>
            Clone
          </button>
        </>
      }
    >
      <form id="clone-workflow" onSubmit={onSubmit}>
        <FormError error={error} />
        <div className="field">
          <label htmlFor="clone-name">Name of the copy</label>
          <input id="clone-name" name="name" required autoFocus defaultValue={`${props.workflow.name} copy`} />
        </div>
      </form>
    </Modal>
  )
}
