'use client'

import { useCanvasStore, useCanvasStoreApi } from './store/canvas-store-context'

/** Saved / saving / not saved, always visible; a conflict offers the two ways out. */
export function SaveIndicator({ onLoadTheirs, readOnly }: { onLoadTheirs(): void; readOnly: boolean }) {
  const store = useCanvasStoreApi()
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
        <span className="save-state conflict" data-state="conflict" role="alert">
          Someone else saved this workflow (revision {save.currentRevision}). Your changes are kept here.
          <button type="button" className="btn btn-sm" onClick={() => store.getState().rebase(save.currentRevision)}>
            Save mine over theirs
          </button>
          <button type="button" className="btn btn-sm btn-danger" onClick={onLoadTheirs}>
            Discard mine, load theirs
          </button>
        </span>
      )
  }
}
