'use client'

import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { CLUSTERS, CREATE_CLUSTER } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Cluster, ClusterStatus } from '../../lib/graphql/types'
import { FormError } from '../ui/form-error'

function errorOf(error: { message: string }): ApiError | null {
  const res = unwrap(null, error)
  return res.ok ? null : res.error
}

const STATUS_LABEL: Record<ClusterStatus, string> = { UNKNOWN: 'Not checked', CONNECTED: 'Connected', UNREACHABLE: 'Unreachable' }

export function ClustersPage() {
  const [{ data, fetching, error }, refetch] = useQuery<{ clusters: Cluster[] }>({ query: CLUSTERS })
  const [{ fetching: creating }, createCluster] = useMutation<{ createCluster: ApiResult<Cluster> }>(CREATE_CLUSTER)
  const [formError, setFormError] = useState<ApiError | null>(null)

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const formEl = e.currentTarget
    const form = new FormData(formEl)
    const name = String(form.get('name') ?? '').trim()
    const description = String(form.get('description') ?? '').trim()
    setFormError(null)
    const r = await createCluster({ input: { name, description: description || null } }, { additionalTypenames: ['Cluster'] })
    const res = unwrap(r.data?.createCluster, r.error)
    if (!res.ok) return setFormError(res.error)
    formEl.reset()
    refetch({ requestPolicy: 'network-only' })
  }

  const nameIssue = formError?.issues?.find((i) => i.path.includes('name'))?.message

  return (
    <main className="page">
      <h1>Clusters</h1>
      <p className="muted">Target clusters that workflows deploy to. Registering a kubeconfig comes in a later release.</p>
      {error && <FormError error={errorOf(error)} />}
      <table className="list" aria-busy={fetching} style={{ marginBottom: '1.5rem' }}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
            <th scope="col">Server</th>
            <th scope="col">Credentials</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {data?.clusters.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{c.description ?? <span className="muted">—</span>}</td>
              <td>{c.server ?? <span className="muted">—</span>}</td>
              <td>{c.hasCredentials ? 'Registered' : <span className="muted">None yet</span>}</td>
              <td title={c.statusMessage ?? undefined}>{STATUS_LABEL[c.status]}</td>
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

      <section className="card" aria-labelledby="new-cluster-title" style={{ maxWidth: 520 }}>
        <h2 id="new-cluster-title">Add a cluster</h2>
        <form onSubmit={onSubmit}>
          {formError && !nameIssue && <FormError error={formError} />}
          <div className="field">
            <label htmlFor="cluster-name">Name</label>
            <input
              id="cluster-name"
              name="name"
              required
              placeholder="e.g. production-cluster"
              aria-invalid={nameIssue ? true : undefined}
              aria-describedby={nameIssue ? 'cluster-name-error' : undefined}
            />
            {nameIssue && (
              <span id="cluster-name-error" className="field-error">
                {nameIssue}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor="cluster-description">Description (optional)</label>
            <input id="cluster-description" name="description" />
          </div>
          <button type="submit" className="btn btn-primary" disabled={creating}>
            Add cluster
          </button>
        </form>
      </section>
    </main>
  )
}
