'use client'

import { scalingRequestGaps, validateGraph } from '@kubeorch/domain'
import { useEffect } from 'react'
import { useCanvasStoreApi } from './store/canvas-store-context'
import { toDesign } from './store/design'

/** The domain's validateGraph (what the server runs on save) and its design warnings, re-run shortly after each change. */
export function useValidation(delayMs = 200) {
  const store = useCanvasStoreApi()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = () => {
      const { nodes, edges, setIssues, setWarnings } = store.getState()
      const result = validateGraph(toDesign(nodes, edges))
      setIssues(result.ok ? [] : result.issues)
      // Design warnings need links recomputed, which a valid graph has.
      setWarnings(result.ok ? scalingRequestGaps(result.graph) : [])
    }
    run()
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.change === prev.change) return
      clearTimeout(timer)
      timer = setTimeout(run, delayMs)
    })
    return () => {
      clearTimeout(timer)
      unsubscribe()
    }
  }, [store, delayMs])
}
