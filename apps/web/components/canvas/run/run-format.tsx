import type { RunStatus } from '../../../lib/graphql/types'

const LABEL: Record<RunStatus, string> = { running: 'Running', completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled' }

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge run-badge is-${status}`}>{LABEL[status] ?? status}</span>
}

/** 1234 → "1.2 s", 75000 → "1 min 15 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—'
  if (ms < 1000) return `${ms} ms`
  const s = ms / 1000
  if (s < 60) return `${s.toFixed(1)} s`
  const m = Math.floor(s / 60)
  return `${m} min ${Math.round(s - m * 60)} s`
}
