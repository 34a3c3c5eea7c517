'use client'

import { useState } from 'react'
import { useMutation } from 'urql'
import { CANCEL_RUN, RUN_WORKFLOW, SET_WORKFLOW_STATUS } from '../../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../../lib/graphql/result'
import type { RunSummary, StartedRun, WorkflowStatus, WorkflowSummary } from '../../../lib/graphql/types'
import { Modal } from '../../ui/modal'
import { useCanvasStore, useCanvasStoreApi } from '../store/canvas-store-context'

/**
 * Run / Cancel for the toolbar (SPEC §7). Running needs PUBLISHED: from a draft, a confirmation
 * says so and offers to publish, then run. The server refuses a second active run and names it.
 */
export function RunControls(props: {
  workflowId: string
  clusterName: string
  status: WorkflowStatus
  onStatus(status: WorkflowStatus): void
  onError(error: ApiError | null): void
}) {
  const store = useCanvasStoreApi()
  const { run, unsaved } = useCanvasStore((s) => ({ run: s.run, unsaved: s.save.state !== 'saved' }))
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [, runWorkflow] = useMutation<{ runWorkflow: ApiResult<StartedRun> }>(RUN_WORKFLOW)
  const [, cancelRun] = useMutation<{ cancelRun: ApiResult<RunSummary> }>(CANCEL_RUN)
  const [, setStatus] = useMutation<{ setWorkflowStatus: ApiResult<WorkflowSummary> }>(SET_WORKFLOW_STATUS)
  const active = run?.status === 'running' ? run : null

  async function start(publishFirst: boolean) {
    setBusy(true)
    props.onError(null)
    try {
      if (publishFirst) {
        const p = await setStatus({ id: props.workflowId, status: 'PUBLISHED' }, { additionalTypenames: ['Workflow'] })
        const published = unwrap(p.data?.setWorkflowStatus, p.error)
        if (!published.ok) return props.onError({ ...published.error, message: `Could not publish: ${published.error.message}` })
        props.onStatus(published.data.status)
      }
      const r = await runWorkflow({ workflowId: props.workflowId }, { additionalTypenames: ['WorkflowRun', 'Version'] })
      const res = unwrap(r.data?.runWorkflow, r.error)
      if (!res.ok) return props.onError({ ...res.error, message: `Could not run: ${res.error.message}` })
      store.getState().followStartedRun(res.data.runId, res.data.version)
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  async function cancel() {
    if (!active) return
    setBusy(true)
    props.onError(null)
    const r = await cancelRun({ workflowId: props.workflowId, runId: active.runId }, { additionalTypenames: ['WorkflowRun'] })
    setBusy(false)
    const res = unwrap(r.data?.cancelRun, r.error)
    if (!res.ok) props.onError({ ...res.error, message: `Could not cancel: ${res.error.message}` })
  }

  if (active)
    return (
      <button type="button" className="btn btn-sm btn-danger" onClick={() => void cancel()} disabled={busy}>
        {busy ? 'Cancelling…' : 'Cancel run'}
      </button>
    )

  const blocked = props.status === 'ARCHIVED' ? 'An archived workflow cannot run; unarchive it first' : unsaved ? 'Save (and fix any problems) before running' : undefined
  return (
    <>
      <button
        type="button"
        className="btn btn-sm btn-run"
        disabled={busy || !!blocked}
        title={blocked ?? `Deploy to ${props.clusterName}`}
        onClick={() => (props.status === 'DRAFT' ? setConfirming(true) : void start(false))}
      >
        ▶ {busy ? 'Starting…' : 'Run'}
      </button>
      {confirming && (
        <Modal
          title="Publish and run?"
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Keep editing
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void start(true)} disabled={busy} autoFocus>
                {busy ? 'Publishing…' : 'Publish and run'}
              </button>
            </>
          }
        >
          <p>
            This workflow is a <strong>draft</strong>. Only a published workflow can run, so it must be published first.
          </p>
          <p className="muted">
            Publishing makes the canvas read-only (choose <em>Edit</em> to change it again). The run then saves an automatic version and
            applies it to <strong>{props.clusterName}</strong>.
          </p>
        </Modal>
      )}
    </>
  )
}
