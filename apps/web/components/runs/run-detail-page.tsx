'use client'

import Link from 'next/link'
import { useCallback } from 'react'
import { useQuery } from 'urql'
import { RUN, VERSION, WORKFLOW } from '../../lib/graphql/operations'
import { unwrap, type ApiResult } from '../../lib/graphql/result'
import type { HealthState, RunDetail, RunNodeState, VersionDetail, WorkflowDetail } from '../../lib/graphql/types'
import { HEALTH_COLOR } from '../canvas/nodes/kind-style'
import { LogLine } from '../canvas/run/run-panel'
import { formatDuration, RunStatusBadge } from '../canvas/run/run-format'
import { FormError } from '../ui/form-error'
import { RunTrigger } from './run-trigger'
import { useRunEvents } from './use-run-events'

/** One run's record (SPEC §7): outcome, per-node state with the objects and what was done to each, the log. */
export function RunDetailPage({ workflowId, runId }: { workflowId: string; runId: string }) {
  const [wf] = useQuery<{ workflow: ApiResult<WorkflowDetail> }>({ query: WORKFLOW, variables: { id: workflowId } })
  const [{ data, error }, refetch] = useQuery<{ run: ApiResult<RunDetail> }>({ query: RUN, variables: { workflowId, runId }, requestPolicy: 'network-only' })
  const result = data || error ? unwrap(data?.run, error) : null
  const run = result?.ok ? result.data : null
  const [version] = useQuery<{ version: ApiResult<VersionDetail> }>({
    query: VERSION,
    variables: { workflowId, version: run?.version ?? 0 },
    pause: !run?.version,
  })
  // While it runs, the record follows the live events.
  useRunEvents(
    workflowId,
    useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]),
  )
  const workflow = wf.data?.workflow?.data
  const nodes = new Map((version.data?.version?.data?.nodes ?? []).map((n) => [n.id, n]))

  return (
    <main className="page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/workflows">Workflows</Link> / <Link href={`/workflows/${workflowId}`}>{workflow?.name ?? 'Workflow'}</Link> /{' '}
        <Link href={`/workflows/${workflowId}/runs`}>Runs</Link> / {runId.slice(0, 8)}
      </nav>
      {result && !result.ok && <FormError error={result.error} />}
      {!result && <p className="empty">Loading run…</p>}
      {run && (
        <>
          <div className="row" style={{ marginBottom: '0.75rem' }}>
            <h1 style={{ margin: 0 }}>Run{run.version ? ` of version ${run.version}` : ''}</h1>
            <RunStatusBadge status={run.status} />
          </div>
          <dl className="facts">
            <dt>Triggered by</dt>
            <dd>
              <RunTrigger run={run} />
            </dd>
            <dt>Started</dt>
            <dd>{new Date(run.startedAt).toLocaleString()}</dd>
            <dt>Completed</dt>
            <dd>{run.completedAt ? new Date(run.completedAt).toLocaleString() : '—'}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(run.duration)}</dd>
          </dl>
          {run.error && (
            <div className="form-error" role="alert">
              {run.error}
            </div>
          )}

          <h2>Nodes</h2>
          <table className="list" aria-label="Node states" style={{ marginBottom: '1.25rem' }}>
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">State</th>
                <th scope="col">Objects</th>
              </tr>
            </thead>
            <tbody>
              {run.nodeStates.map((s) => (
                <NodeStateRow key={s.nodeId} workflowId={workflowId} state={s} node={nodes.get(s.nodeId)} />
              ))}
              {run.nodeStates.length === 0 && (
                <tr>
                  <td colSpan={3} className="empty">
                    No node was reached.
                  </td>
                </tr>
              )}
            </tbody>
          </table>

          <h2>Log</h2>
          <ol className="run-log card" aria-label="Run log">
            {run.logs.map((l, i) => (
              <LogLine key={i} line={l} />
            ))}
          </ol>
        </>
      )}
    </main>
  )
}

function NodeStateRow({ workflowId, state, node }: { workflowId: string; state: RunNodeState; node?: { type: string; data: Record<string, unknown> } }) {
  const health = (state.state in HEALTH_COLOR ? state.state : 'unknown') as HealthState
  const name = typeof node?.data.name === 'string' ? node.data.name : state.nodeId
  return (
    <tr data-testid={`run-node-${name}`}>
      <td>
        <strong>{name}</strong>
        {node && <div className="muted small">{node.type}</div>}
        <Link className="small" href={`/workflows/${workflowId}/nodes/${encodeURIComponent(state.nodeId)}`} aria-label={`Resources of ${name}`}>
          Resources
        </Link>
      </td>
      <td>
        <span className="health-dot" style={{ background: HEALTH_COLOR[health] }} aria-hidden /> <span className={`health-label is-${health}`}>{health}</span>
        <div className="small">{state.message}</div>
      </td>
      <td>
        <ul className="object-list">
          {state.objects.map((o, i) => (
            <li key={i}>
              <span className={`action-badge is-${o.action}`}>{o.action}</span>{' '}
              <code>
                {o.kind} {o.namespace ? `${o.namespace}/` : ''}
                {o.name}
              </code>
              {o.error && <div className="small text-danger">{o.error}</div>}
            </li>
          ))}
          {state.objects.length === 0 && <li className="muted">none</li>}
        </ul>
      </td>
    </tr>
  )
}
