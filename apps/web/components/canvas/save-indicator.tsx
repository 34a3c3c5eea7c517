'use client'

import { compareGraphs, type WorkflowGraph } from '@kubeorch/domain'
import { useMemo } from 'react'
import { useQuery } from 'urql'
import { WORKFLOW } from '../../lib/graphql/operations'
import { unwrap, type ApiResult } from '../../lib/graphql/result'
import type { GraphDiff, WorkflowDetail } from '../../lib/graphql/types'
import { ChangeList } from '../versions/change-list'
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

/** Someone else saved first: the local design is kept, and the person sees what they changed before picking what wins. */
export function ConflictBanner({ workflowId, onLoadTheirs }: { workflowId: string; onLoadTheirs(): void }) {
  const store = useCanvasStoreApi()
  const save = useCanvasStore((s) => s.save)
  const conflict = save.state === 'conflict' ? save.currentRevision : null
  const [{ data }] = useQuery<{ workflow: ApiResult<WorkflowDetail> }>({
    query: WORKFLOW,
    variables: { id: workflowId },
    requestPolicy: 'network-only',
    pause: conflict === null,
  })
  const theirs = data ? unwrap(data.workflow) : null
  const diff = useMemo(() => {
    if (conflict === null || !theirs?.ok) return null
    const base = store.getState().baseDesign
    const next = { nodes: theirs.data.nodes, edges: theirs.data.edges }
    const names = new Map<string, string>()
    for (const n of [...base.nodes, ...next.nodes]) names.set(n.id, String(n.data.name ?? n.id))
    return { changes: compareGraphs(base as WorkflowGraph, next as WorkflowGraph) as GraphDiff, names, revision: theirs.data.revision }
  }, [conflict, theirs, store])
  if (save.state !== 'conflict') return null
  return (
    <div className="conflict-banner" role="alert">
      <div className="conflict-banner-head">
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
      <details className="conflict-diff" open aria-label="What their save changed">
        <summary>What their save changed{diff ? ` (revision ${diff.revision})` : ''} — saving yours over theirs undoes this</summary>
        {diff ? <ChangeList diff={diff.changes} nameOf={(id) => diff.names.get(id) ?? id} /> : <p className="muted">Loading their version…</p>}
      </details>
    </div>
  )
}
