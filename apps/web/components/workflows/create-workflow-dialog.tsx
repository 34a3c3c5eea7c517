'use client'

import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { CLUSTERS, CREATE_CLUSTER, CREATE_WORKFLOW } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Cluster, WorkflowSummary } from '../../lib/graphql/types'
import { KubeconfigFields, type KubeconfigValue } from '../clusters/kubeconfig-fields'
import { FormError } from '../ui/form-error'
import { Modal } from '../ui/modal'

const NEW_CLUSTER = '__new__'

/** Name + target cluster; a cluster that does not exist yet can be created and connected here. */
export function CreateWorkflowDialog({ onClose, onCreated }: { onClose(): void; onCreated(w: WorkflowSummary): void }) {
  const [{ data: clusterData, fetching: loadingClusters }] = useQuery<{ clusters: Cluster[] }>({ query: CLUSTERS })
  const clusters = clusterData?.clusters ?? []
  const [choice, setChoice] = useState<string>('')
  const [, createCluster] = useMutation<{ createCluster: ApiResult<Cluster> }>(CREATE_CLUSTER)
  const [, createWorkflow] = useMutation<{ createWorkflow: ApiResult<WorkflowSummary> }>(CREATE_WORKFLOW)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  // A new cluster can be connected right here (its kubeconfig), or get its credentials later.
  const [connectNow, setConnectNow] = useState(true)
  const [kube, setKube] = useState<KubeconfigValue>({ kubeconfig: '', context: '' })

  // Default to the sandbox (it works with no set-up), else the first cluster; with none, a new one.
  const selected = choice || ((clusters.find((c) => c.sandbox) ?? clusters[0])?.id ?? (loadingClusters ? '' : NEW_CLUSTER))

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const name = String(form.get('name') ?? '').trim()
    const description = String(form.get('description') ?? '').trim()
    setBusy(true)
    setError(null)
    try {
      let clusterId = selected
      if (selected === NEW_CLUSTER) {
        const clusterName = String(form.get('clusterName') ?? '').trim()
        const connection = connectNow && kube.kubeconfig.trim() ? { kubeconfig: kube.kubeconfig, context: kube.context || null } : null
        const c = await createCluster({ input: { name: clusterName, connection } }, { additionalTypenames: ['Cluster'] })
        const made = unwrap(c.data?.createCluster, c.error)
        if (!made.ok) return setError({ ...made.error, message: `Cluster: ${made.error.message}` })
        clusterId = made.data.id
        setChoice(made.data.id)
      }
      const w = await createWorkflow({ name, clusterId, description: description || null }, { additionalTypenames: ['Workflow'] })
      const res = unwrap(w.data?.createWorkflow, w.error)
      if (res.ok) onCreated(res.data)
      else setError(res.error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      title="New workflow"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="create-workflow" className="btn btn-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create workflow'}
          </button>
        </>
      }
    >
      <form id="create-workflow" onSubmit={onSubmit}>
        <FormError error={error} />
        <div className="field">
          <label htmlFor="wf-name">Name</label>
          <input id="wf-name" name="name" required autoFocus maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="wf-cluster">Target cluster</label>
          <select id="wf-cluster" name="cluster" value={selected} onChange={(e) => setChoice(e.target.value)}>
            {loadingClusters && !clusters.length && <option value="">Loading clusters…</option>}
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value={NEW_CLUSTER}>New cluster…</option>
          </select>
        </div>
        {selected === NEW_CLUSTER && (
          <fieldset className="new-cluster">
            <legend>New cluster</legend>
            <div className="field">
              <label htmlFor="wf-cluster-name">New cluster name</label>
              <input id="wf-cluster-name" name="clusterName" required placeholder="e.g. production-cluster" />
            </div>
            <label className="checkbox">
              <input type="radio" name="connect" checked={connectNow} onChange={() => setConnectNow(true)} /> Connect it now, from its kubeconfig
            </label>
            <label className="checkbox">
              <input type="radio" name="connect" checked={!connectNow} onChange={() => setConnectNow(false)} /> Add its credentials later
            </label>
            {connectNow ? (
              <KubeconfigFields
                idPrefix="wf-cluster"
                value={kube}
                onChange={setKube}
                required
                hint="Paste it or upload the file; it is checked, sealed on the server and tested. exec plugins and file paths are refused."
              />
            ) : (
              <p className="field-hint">
                Until then runs cannot deploy: add them on the Clusters page (<em>Add credentials</em>). To try KubeOrch without a cluster of your own, choose{' '}
                <strong>sandbox</strong> (start it with <code>npm run sandbox</code>).
              </p>
            )}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="wf-description">Description (optional)</label>
          <textarea id="wf-description" name="description" rows={2} />
        </div>
      </form>
    </Modal>
  )
}
