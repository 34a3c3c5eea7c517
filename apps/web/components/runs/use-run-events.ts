'use client'

import { useEffect, useRef } from 'react'
import { useWorkflowEvents } from '../../lib/graphql/use-workflow-events'

const RUN_EVENTS = new Set(['run_started', 'run_log', 'run_completed', 'node_update'])

/**
 * Calls `onChange` (at most every `ms`) when the workflow's runs change: a run starts, logs,
 * finishes, or a node's health moves. Pages refetch their records then; the stream is the trigger.
 */
export function useRunEvents(workflowId: string, onChange: () => void, ms = 500) {
  const latest = useRef(onChange)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => {
    latest.current = onChange
  }, [onChange])
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])
  useWorkflowEvents(workflowId, (event) => {
    if (!RUN_EVENTS.has(event.type) || timer.current) return
    timer.current = setTimeout(() => {
      timer.current = null
      latest.current()
    }, ms)
  })
}
