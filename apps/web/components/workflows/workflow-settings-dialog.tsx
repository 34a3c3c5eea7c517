'use client'

import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { CLUSTERS, UPDATE_WORKFLOW } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Cluster, WorkflowSummary } from '../../lib/graphql/types'
import { FormError } from '../ui/form-error'
import { Modal } from '../ui/modal'
import { DeployedObjectsList } from './deployed-objects-list'

type Settings = Pick<WorkflowSummary, 'id' | 'name' | 'description' | 'cluster'>

/**
 * Name, description and target cluster of a workflow. Moving it to another cluster while objects
 * are deployed on the current one deletes them there first, and the dialog names them before;
 * the next run deploys to the new cluster.
 */
export function WorkflowSettingsDialog({ workflow, onClose, onSaved }: { workflow: Settings; onClose(): void; onSaved(w: WorkflowSummary): void }) {
  const [{ data: clusterData }] = useQuery<{ clusters: Cluster[] }>({ query: CLUSTERS })
  const clusters = clusterData?.clusters ?? []
  const [clusterId, setClusterId] = useState(workflow.cluster.id)
  const [{ fetching }, update] = useMutation<{ updateWorkflow: ApiResult<WorkflowSummary> }>(UPDATE_WORKFLOW)
  const [error, setError] = useState<ApiError | null>(null)
  const moving = clusterId !== workflow.cluster.id
  const target = clusters.find((c) => c.id === clusterId)

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    setError(null)
    const r = await update(
      {
        id: workflow.id,
        name: String(form.get('name') ?? '').trim(),
        description: String(form.get('description') ?? '').trim(),
        ...(moving ? { clusterId, removeFromCurrentCluster: true } : {}),
      },
      { additionalTypenames: ['Workflow'] },
    )
    const res = unwrap(r.data?.updateWorkflow, r.error)
    if (res.ok) onSaved(res.data)
    else setError(res.error)
  }

  return (
    <Modal
      title="Workflow settings"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="workflow-settings" className="btn btn-primary" disabled={fetching}>
            {moving ? `Save and move to ${target?.name ?? 'the new cluster'}` : 'Save'}
          </button>
        </>
      }
    >
      <form id="workflow-settings" onSubmit={onSubmit}>
        <FormError error={error} />
        <div className="field">
          <label htmlFor="ws-name">Name</label>
          <input id="ws-name" name="name" required maxLength={100} defaultValue={workflow.name} autoFocus />
        </div>
        <div className="field">
          <label htmlFor="ws-description">Description</label>
          <textarea id="ws-description" name="description" rows={2} maxLength={2000} defaultValue={workflow.description} />
        </div>
        <div className="field">
          <label htmlFor="ws-cluster">Target cluster</label>
          <select id="ws-cluster" value={clusterId} onChange={(e) => setClusterId(e.target.value)}>
            {!clusters.some((c) => c.id === workflow.cluster.id) && <option value={workflow.cluster.id}>{workflow.cluster.name}</option>}
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.hasCredentials ? '' : ' (no credentials yet)'}
              </option>
            ))}
          </select>
        </div>
        {moving && (
          <div className="move-cluster" role="status">
            <p>
              <strong>Moving from {workflow.cluster.name} to {target?.name}.</strong> The next run deploys to {target?.name}.
            </p>
            <DeployedObjectsList workflowId={workflow.id} verb="deleted first" />
          </div>
        )}
      </form>
    </Modal>
  )
}
