'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'
import type { CanvasStore } from './store/canvas-store'

export type LeaveRequest = { href: string; why: string }

const unsaved = (store: CanvasStore) => {
  const s = store.getState()
  return !s.readOnly && (s.change !== s.savedChange || s.save.state === 'saving')
}

/**
 * The app's own links (the back arrow, Runs, the top bar) leave the editor without a page unload,
 * so `beforeunload` never asks. Clicked with changes not yet saved: a design that can be saved is
 * saved first, then the link is followed; one that cannot (problems to fix, a conflict, a failed
 * save) stops at a question instead, as a reload does.
 */
export function useLeaveGuard(store: CanvasStore, flush: () => Promise<void>) {
  const router = useRouter()
  const [request, setRequest] = useState<LeaveRequest | null>(null)

  useEffect(() => {
    // Capture phase on the document: runs before Next's <Link> handler, which skips a prevented click.
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
      const link = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null
      if (!link || link.target === '_blank' || link.hasAttribute('download')) return
      const url = new URL(link.href, window.location.href)
      if (url.origin !== window.location.origin || url.pathname === window.location.pathname || !unsaved(store)) return
      e.preventDefault()
      e.stopPropagation()
      const href = url.pathname + url.search + url.hash
      void (async () => {
        // A pending change is saved now instead of after the debounce; a save already out is awaited.
        for (let i = 0; i < 3 && unsaved(store) && ['pending', 'saving'].includes(store.getState().save.state); i++) await flush()
        if (!unsaved(store)) return router.push(href)
        const save = store.getState().save
        const why =
          save.state === 'invalid'
            ? `${save.count} problem${save.count === 1 ? '' : 's'} keep your last changes from being saved.`
            : save.state === 'conflict'
              ? 'Someone else saved this workflow since you opened it; your changes were not saved.'
              : save.state === 'error'
                ? `Saving failed: ${save.message}`
                : 'Your last changes are not saved yet.'
        setRequest({ href, why })
      })()
    }
    document.addEventListener('click', onClick, true)
    return () => document.removeEventListener('click', onClick, true)
  }, [store, flush, router])

  return {
    request,
    stay: () => setRequest(null),
    leave: () => {
      if (!request) return
      setRequest(null)
      // What is left unsaved is dropped on purpose: the editor's beforeunload must not ask again.
      router.push(request.href)
    },
  }
}
