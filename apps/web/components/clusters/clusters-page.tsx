'use client'

import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { CLUSTERS, TEST_CLUSTER } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Cluster, ClusterStatus } from '../../lib/graphql/types'
import { FormError } from '../ui/form-error'
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
                <button type="button" className="btn btn-sm" disabled={testing === c.id} onClick={() => void test(c)} aria-label={`Test connection to ${c.name}`}>
                  {testing === c.id ? 'Testing…' : 'Test connection'}
                </button>
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
      <RegisterClusterForm onCreated={() => refetch({ requestPolicy: 'network-only' })} />
    </main>
  )
}
