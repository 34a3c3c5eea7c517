'use client'

import { useEffect, useRef } from 'react'
import { useClient } from 'urql'
import { WORKFLOW_EVENTS } from './operations'
import type { WorkflowEvent } from './types'

/**
 * Calls `onEvent` once per live event of a workflow, in order. A plain subscription rather than
 * urql's `useSubscription` reducer: that reducer may run twice (React strict mode), and renders
 * coalesce results, while every run_log line and node_update must be seen exactly once.
 */
export function useWorkflowEvents(workflowId: string, onEvent: (event: WorkflowEvent) => void) {
  const client = useClient()
  const latest = useRef(onEvent)
  useEffect(() => {
    latest.current = onEvent
  }, [onEvent])
  useEffect(() => {
    const { unsubscribe } = client.subscription<{ workflowEvents: WorkflowEvent }>(WORKFLOW_EVENTS, { workflowId }).subscribe((result) => {
      const event = result.data?.workflowEvents
      if (event) latest.current(event)
    })
    return unsubscribe
  }, [client, workflowId])
}
