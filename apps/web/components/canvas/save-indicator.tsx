'use client'

import { useCanvasStore, useCanvasStoreApi } from './store/canvas-store-context'

/** Saved / saving / not saved, always visible in the toolbar. */
export function SaveIndicator({ readOnly }: { readOnly: boolean }) {
  const save = useCanvasStore((s) => s.save)
  if (readOnly) return <span className="save-state" data-state="readonly">Read-only</span>
  switch (save.state) {
    case 'saved':
      return (
        <span className="save-state" data-state="saved" role="status">
          Saved
        </span>
      )
    case 'pending':
      return (
        <span className="save-state" data-state="pending" role="status">
          Unsaved changes…
        </span>
      )
    case 'saving':
      return (
        <span className="save-state" data-state="saving" role="status">
          Saving…
        </span>
      )
    case 'invalid':
      return (
        <span className="save-state" data-state="invalid" role="status">
          Not saved: {save.count} problem{save.count === 1 ? '' : 's'} to fix
        </span>
      )
    case 'error':
      return (
        <span className="save-state" data-state="error" role="alert" title={save.message}>
          Save failed, retrying…
        </span>
      )
    case 'conflict':
      return (
        <span className="save-state" data-state="conflict" role="status">
          Not saved: conflict
        </span>
      )
  }
}

/** Someone else saved first: the local design is kept, and the person picks what wins. */
export function ConflictBanner({ onLoadTheirs }: { onLoadTheirs(): void }) {
  const store = useCanvasStoreApi()
  const save = useCanvasStore((s) => s.save)
  if (save.state !== 'conflict') return null
  return (
    <div className="conflict-banner" role="alert">
      <span>
        Someone else saved this workflow (now at revision {save.currentRevision}) after you opened it. Your changes are kept here and
        were not saved.
      </span>
      <span className="spacer" />
      <button type="button" className="btn btn-sm btn-primary" onClick={() => store.getState().rebase(save.currentRevision)}>
        Save mine over theirs
      </button>
      <button type="button" className="btn btn-sm btn-danger" onClick={onLoadTheirs}>
        Discard mine, load theirs
      </button>
    </div>
  )
}
