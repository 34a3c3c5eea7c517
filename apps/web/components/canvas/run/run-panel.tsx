'use client'

import Link from 'next/link'
import { useEffect, useRef } from 'react'
import type { RunLogLine } from '../../../lib/graphql/types'
import { useCanvasStore } from '../store/canvas-store-context'
import type { RunProgress } from '../store/live-slice'
import { formatDuration, RunStatusBadge } from './run-format'

/** Apply lines in the run log read "<Kind> <ns>/<name> <action>" (apps/api execute-run). */
const APPLIED = /\s(created|configured|unchanged)$/

/**
 * The progress of the followed run, in the dock under the canvas: status, objects applied, nodes
 * healthy, and the run log streaming in.
 */
export function RunPanel({ workflowId }: { workflowId: string }) {
  const { run, total, healthy, failing } = useCanvasStore((s) => ({
    run: s.run,
    total: s.nodes.length,
    healthy: s.nodes.filter((n) => s.health[n.id]?.state === 'healthy').length,
    failing: s.nodes.filter((n) => s.health[n.id]?.state === 'error').length,
  }))
  const logRef = useRef<HTMLOListElement>(null)
  const lines = run?.logs.length ?? 0

  // Follow the tail, unless the person scrolled up to read.
  useEffect(() => {
    const el = logRef.current
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 60) el.scrollTop = el.scrollHeight
  }, [lines])

  if (!run) return <p className="muted dock-empty">No run followed yet: press Run to deploy this workflow.</p>
  const applied = run.logs.filter((l) => APPLIED.test(l.message)).length

  return (
    <section className="run-panel" aria-label="Run progress" data-status={run.status}>
      <header className="run-panel-head">
        <strong>Run{run.version ? ` of version ${run.version}` : ''}</strong>
        <RunStatusBadge status={run.status} />
        {/* What the run did, and separately what the nodes are now: a failed run's nodes may be
            green by now, a completed run's may have turned red since. */}
        <span className="run-panel-progress" data-testid="run-progress">
          {[outcome(run.status, run.durationMs), `${applied} object${applied === 1 ? '' : 's'} applied`].filter(Boolean).join(' · ')}
        </span>
        <span className="run-panel-now" data-testid="nodes-now">
          Nodes now: {healthy}/{total} healthy
          {failing > 0 && <span className="text-danger"> · {failing} failing</span>}
        </span>
        <span className="spacer" />
        <Link href={`/workflows/${workflowId}/runs/${run.runId}`} className="btn btn-sm btn-ghost">
          Details
        </Link>
        <Link href={`/workflows/${workflowId}/runs`} className="btn btn-sm btn-ghost">
          Run history
        </Link>
      </header>
      {run.error && (
        <p className="run-panel-error" role="alert">
          {run.error}
        </p>
      )}
      <ol className="run-log" ref={logRef} role="log" aria-label="Run log" aria-live="polite">
        {run.logs.map((l, i) => (
          <LogLine key={i} line={l} />
        ))}
        {run.logs.length === 0 && <li className="muted">Waiting for the first log line…</li>}
      </ol>
    </section>
  )
}

/** How long, after the status badge: "[Completed] in 2.1 s", "[Failed] after 31 s", "[Running] so far". */
function outcome(status: RunProgress['status'], durationMs: number | undefined): string {
  if (status === 'running') return 'so far'
  if (durationMs === undefined) return ''
  return `${status === 'completed' ? 'in' : 'after'} ${formatDuration(durationMs)}`
}

export function LogLine({ line }: { line: RunLogLine }) {
  return (
    <li className={`log-line is-${line.level}`}>
      <time dateTime={line.at}>{new Date(line.at).toLocaleTimeString()}</time> <span>{line.message}</span>
    </li>
  )
}
