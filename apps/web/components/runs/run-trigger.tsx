'use client'

import { useAuth } from '../../lib/auth/auth-context'
import type { RunSummary } from '../../lib/graphql/types'

/** "manual · you", "schedule", "webhook": what started a run and, for a person, who. */
export function RunTrigger({ run }: { run: Pick<RunSummary, 'triggeredBy' | 'triggeredByUserId'> }) {
  const { session } = useAuth()
  const who = run.triggeredByUserId ? (run.triggeredByUserId === session?.user.id ? 'you' : `user ${run.triggeredByUserId.slice(0, 8)}`) : null
  return (
    <span>
      {run.triggeredBy}
      {who && <span className="muted"> · {who}</span>}
    </span>
  )
}
