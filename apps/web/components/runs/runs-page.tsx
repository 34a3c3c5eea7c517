'use client'

import Link from 'next/link'
import { useCallback, useState } from 'react'
import { useQuery } from 'urql'
import { RUNS, WORKFLOW } from '../../lib/graphql/operations'
import { unwrap, type ApiResult } from '../../lib/graphql/result'
import type { Page, RunSummary, WorkflowDetail } from '../../lib/graphql/types'
import { formatDuration, RunStatusBadge } from '../canvas/run/run-format'
import { FormError } from '../ui/form-error'
import { RunTrigger } from './run-trigger'
import { useRunEvents } from './use-run-events'

const LIMIT = 20

/** A workflow's runs, newest first (SPEC §7, §15), kept current by the live event stream. */
export function RunsPage({ workflowId }: { workflowId: string }) {
  const [page, setPage] = useState(1)
  const [wf] = useQuery<{ workflow: ApiResult<WorkflowDetail> }>({ query: WORKFLOW, variables: { id: workflowId } })
  const [{ data, error, fetching }, refetch] = useQuery<{ runs: ApiResult<Page<RunSummary>> }>({
    query: RUNS,
    variables: { workflowId, page, limit: LIMIT },
    requestPolicy: 'network-only',
  })
  useRunEvents(workflowId, useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]))
  const runs = data || error ? unwrap(data?.runs, error) : null
  const workflow = wf.data?.workflow?.data
  const pages = runs?.ok ? Math.max(1, Math.ceil(runs.data.total / LIMIT)) : 1

  return (
    <main className="page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/workflows">Workflows</Link> / <Link href={`/workflows/${workflowId}`}>{workflow?.name ?? 'Workflow'}</Link> / Runs
      </nav>
      <h1>Runs{workflow ? ` of ${workflow.name}` : ''}</h1>
      {workflow && <p className="muted">Deploys to {workflow.cluster.name}.</p>}
      {runs && !runs.ok && <FormError error={runs.error} />}
      <table className="list" aria-busy={fetching} aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Version</th>
            <th scope="col">Triggered by</th>
            <th scope="col">Duration</th>
            <th scope="col">Started</th>
            <th scope="col">
              <span className="sr-only">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs?.ok &&
            runs.data.items.map((r) => (
              <tr key={r.id} data-testid="run-row">
                <td>
                  <RunStatusBadge status={r.status} />
                  {r.error && <div className="small text-danger run-error-line" title={r.error}>{r.error}</div>}
                </td>
                <td>{r.version ? `v${r.version}` : '—'}</td>
                <td>
                  <RunTrigger run={r} />
                </td>
                <td>{r.status === 'running' ? <span className="muted">running…</span> : formatDuration(r.duration)}</td>
                <td>
                  <time dateTime={r.startedAt} title={new Date(r.startedAt).toLocaleString()}>
                    {new Date(r.startedAt).toLocaleString()}
                  </time>
                </td>
                <td style={{ textAlign: 'right' }}>
                  <Link href={`/workflows/${workflowId}/runs/${r.id}`} className="btn btn-sm" aria-label={`Details of the run started ${new Date(r.startedAt).toLocaleString()}`}>
                    Details
                  </Link>
                </td>
              </tr>
            ))}
          {runs?.ok && runs.data.items.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                No runs yet. Publish the workflow and press Run on its canvas.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="row" style={{ marginTop: '0.75rem' }}>
          <button type="button" className="btn btn-sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Newer
          </button>
          <span className="muted">
            Page {page} of {pages}
          </span>
          <button type="button" className="btn btn-sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            Older
          </button>
        </div>
      )}
    </main>
  )
}
