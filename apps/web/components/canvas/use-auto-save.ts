'use client'

import { validateGraph, type GraphIssue } from '@kubeorch/domain'
import { useCallback, useEffect, useRef } from 'react'
import { useClient } from 'urql'
import { SAVE_WORKFLOW } from '../../lib/graphql/operations'
import { unwrap, type ApiResult } from '../../lib/graphql/result'
import { useCanvasStoreApi } from './store/canvas-store-context'
import { toDesign } from './store/design'

const DEBOUNCE_MS = 800
const RETRY_MS = 5000

/**
 * Debounced auto-save. Each save carries the revision the local design is based on; the server
 * refuses a stale one (someone else saved), and then nothing is lost: the local design stays, and
 * the person chooses to save it over theirs or load theirs. An invalid design is not sent.
 */
export function useAutoSave(workflowId: string): { flush(): Promise<void> } {
  const store = useCanvasStoreApi()
  const client = useClient()
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  /** The save being sent, so a second flush (leaving the page) waits for it. */
  const inFlight = useRef<Promise<void> | null>(null)

  const flush = useCallback(async () => {
    clearTimeout(timer.current)
    const s = store.getState()
    if (inFlight.current) return inFlight.current
    if (s.readOnly || s.change === s.savedChange || s.save.state === 'conflict') return
    const design = toDesign(s.nodes, s.edges)
    const checked = validateGraph(design)
    if (!checked.ok) {
      s.setIssues(checked.issues)
      s.markSaveFailed({ state: 'invalid', count: checked.issues.length })
      return
    }
    const change = s.change
    let done = () => {}
    inFlight.current = new Promise<void>((resolve) => (done = resolve))
    s.markSaving()
    try {
      const r = await client
        .mutation<{ saveWorkflow: ApiResult<{ revision: number }> }>(SAVE_WORKFLOW, { id: workflowId, ...design, revision: s.revision })
        .toPromise()
      const res = unwrap(r.data?.saveWorkflow, r.error)
      const now = store.getState()
      if (res.ok) {
        now.markSaved(change, res.data.revision, design)
      } else if (res.error.__typename === 'RevisionConflictError') {
        now.markSaveFailed({ state: 'conflict', currentRevision: res.error.currentRevision ?? now.revision, message: res.error.message })
      } else if (res.error.__typename === 'ValidationError') {
        now.setIssues((res.error.issues ?? []).map((i) => ({ ...i, nodeId: i.nodeId ?? undefined, edgeId: i.edgeId ?? undefined }) as GraphIssue))
        now.markSaveFailed({ state: 'invalid', count: res.error.issues?.length ?? 1 })
      } else {
        now.markSaveFailed({ state: 'error', message: res.error.message })
        timer.current = setTimeout(() => void flush(), RETRY_MS)
      }
    } finally {
      inFlight.current = null
      done()
    }
    // Changes made while the request was out get their own save.
    const after = store.getState()
    if (after.change > after.savedChange && after.save.state === 'pending') {
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS)
    }
  }, [client, store, workflowId])

  useEffect(() => {
    const unsubscribe = store.subscribe((s, prev) => {
      const retry = prev.save.state === 'conflict' && s.save.state === 'pending'
      if (s.change === prev.change && !retry) return
      clearTimeout(timer.current)
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS)
    })
    // Warn before leaving with changes not yet saved.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const s = store.getState()
      if (s.change !== s.savedChange) e.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      unsubscribe()
      clearTimeout(timer.current)
      window.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [store, flush])

  return { flush }
}
