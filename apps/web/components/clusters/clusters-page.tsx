'use client'

import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { CLUSTERS, DELETE_CLUSTER, TEST_CLUSTER } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Cluster, ClusterStatus } from '../../lib/graphql/types'
import { FormError } from '../ui/form-error'
import { Modal } from '../ui/modal'
import { RegisterClusterForm } from './register-cluster-form'

function errorOf(error: { message: string }): ApiError | null {
  const res = unwrap(null, error)
  return res.ok ? null : res.error
}

const STATUS_LABEL: Record<ClusterStatus, string> = { UNKNOWN: 'Not checked', CONNECTED: 'Connected', UNREACHABLE: 'Unreachable', UNUSABLE: 'Unusable' }

export function ClustersPage() {
  const [{ data, fetching, error }, refetch] = useQuery<{ clusters: Cluster[] }>({ query: CLUSTERS })
  const [, testCluster] = useMutation<{ testCluster: ApiResult<Cluster> }>(TEST_CLUSTER)
  const [testing, setTesting] = useState<string | null>(null)
  const [rowError, setRowError] = useState<{ id: string; error: ApiError } | null>(null)
  const [editing, setEditing] = useState<Cluster | null>(null)
  const [deleting, setDeleting] = useState<Cluster | null>(null)
  const [deleteError, setDeleteError] = useState<ApiError | null>(null)
  const [{ fetching: removing }, deleteCluster] = useMutation<{ deleteCluster: ApiResult<boolean> }>(DELETE_CLUSTER)
  const reload = () => refetch({ requestPolicy: 'network-only' })

  async function confirmDelete() {
    if (!deleting) return
    setDeleteError(null)
    const r = await deleteCluster({ id: deleting.id }, { additionalTypenames: ['Cluster'] })
    const res = unwrap(r.data?.deleteCluster, r.error)
    // Refused (workflows deploy to it): the reason stays in the dialog, naming them.
    if (!res.ok) return setDeleteError(res.error)
    setDeleting(null)
    reload()
  }

  async function test(c: Cluster) {
    setTesting(c.id)
    setRowError(null)
    const r = await testCluster({ id: c.id }, { additionalTypenames: ['Cluster'] })
    setTesting(null)
    const res = unwrap(r.data?.testCluster, r.error)
    if (!res.ok) setRowError({ id: c.id, error: res.error })
    refetch({ requestPolicy: 'network-only' })
  }

  return (
    <main className="page">
      <h1>Clusters</h1>
      <p className="muted">Target clusters that workflows deploy to. Credentials are sealed on the server and never shown again.</p>
      {error && <FormError error={errorOf(error)} />}
      <table className="list" aria-busy={fetching} style={{ marginBottom: '1.5rem' }}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Server</th>
            <th scope="col">Credentials</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.clusters.map((c) => (
            <tr key={c.id} data-testid="cluster-row">
              <td>
                <strong>{c.name}</strong>
                {c.description && <div className="muted small">{c.description}</div>}
              </td>
              <td className="mono small">{c.server ?? <span className="muted">—</span>}</td>
              <td>{c.hasCredentials ? 'Registered' : <span className="muted">None yet</span>}</td>
              <td>
                <span className={`cluster-status is-${c.status.toLowerCase()}`}>{STATUS_LABEL[c.status]}</span>
                {c.statusMessage && <div className="small muted cluster-status-message">{c.statusMessage}</div>}
                {rowError?.id === c.id && <FormError error={rowError.error} />}
              </td>
              <td style={{ textAlign: 'right' }}>
                <div className="row" style={{ justifyContent: 'flex-end' }}>
                  <button type="button" className="btn btn-sm" disabled={testing === c.id} onClick={() => void test(c)} aria-label={`Test connection to ${c.name}`}>
                    {testing === c.id ? 'Testing…' : 'Test connection'}
                  </button>
                  <button type="button" className="btn btn-sm" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                    {c.hasCredentials ? 'Edit' : 'Add credentials'}
                  </button>
                  <button type="button" className="btn btn-sm btn-danger" onClick={() => (setDeleteError(null), setDeleting(c))} aria-label={`Delete ${c.name}`}>
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
          {data && data.clusters.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                No clusters yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <RegisterClusterForm onSaved={reload} />
      {editing && (
        <Modal title={`Edit ${editing.name}`} onClose={() => setEditing(null)} wide>
          <RegisterClusterForm
            editing={editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null)
              reload()
            }}
          />
        </Modal>
      )}
      {deleting && (
        <Modal
          title={`Delete cluster “${deleting.name}”?`}
          onClose={() => setDeleting(null)}
          actions={
            <>
              <button type="button" className="btn" onClick={() => setDeleting(null)} autoFocus>
                Cancel
              </button>
              <button type="button" className="btn btn-danger" onClick={() => void confirmDelete()} disabled={removing}>
                Delete cluster
              </button>
            </>
          }
        >
          <FormError error={deleteError} />
          <p>Its sealed credentials are deleted. Nothing on the cluster itself changes.</p>
          <p className="muted">
            A cluster that workflows deploy to cannot be deleted: move them to another cluster first (a workflow's Settings), or delete them. The
            history of workflows already deleted that targeted it goes with it.
          </p>
        </Modal>
      )}
    </main>
  )
}
