'use client'

import Link from 'next/link'
import { useReactFlow } from '@xyflow/react'
import type { ReactNode } from 'react'
import type { WorkflowStatus } from '../../lib/graphql/types'
import { StatusBadge } from '../ui/status-badge'
import { autoLayout } from './auto-layout'
import { FIT_VIEW_OPTIONS } from './view-options'
import { SaveIndicator } from './save-indicator'
import { useCanvasStore, useCanvasStoreApi } from './store/canvas-store-context'

export type StatusAction = { to: WorkflowStatus; label: string; primary?: boolean }

/** SPEC §5: which status changes the buttons offer from each status. */
export const STATUS_ACTIONS: Record<WorkflowStatus, StatusAction[]> = {
  DRAFT: [
    { to: 'PUBLISHED', label: 'Publish', primary: true },
    { to: 'ARCHIVED', label: 'Archive' },
  ],
  PUBLISHED: [
    { to: 'DRAFT', label: 'Edit' },
    { to: 'ARCHIVED', label: 'Archive' },
  ],
  ARCHIVED: [{ to: 'DRAFT', label: 'Unarchive' }],
}

export function EditorToolbar(props: {
  workflowId: string
  name: string
  clusterName: string
  status: WorkflowStatus
  statusBusy: boolean
  versionsOpen: boolean
  onToggleVersions(): void
  onOpenPalette(): void
  onShowYaml(): void
  onOpenSettings(): void
  onStatus(to: WorkflowStatus): void
  /** Run / Cancel, owned by the editor (they follow the live run). */
  runControls?: ReactNode
}) {
  const store = useCanvasStoreApi()
  const { canUndo, canRedo, readOnly, save, count } = useCanvasStore((s) => ({
    canUndo: s.past.length > 0,
    canRedo: s.future.length > 0,
    readOnly: s.readOnly,
    save: s.save.state,
    count: s.nodes.length,
  }))
  const { fitView } = useReactFlow()
  const unsaved = save !== 'saved'

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Workflow">
      <Link href="/workflows" className="btn btn-sm btn-ghost" aria-label="Back to workflows">
        ←
      </Link>
      <h1 className="editor-title" title={`${props.name} on ${props.clusterName}`}>
        {props.name}
      </h1>
      <span className="muted small editor-cluster" title="Target cluster">
        on {props.clusterName}
      </span>
      <button type="button" className="btn btn-sm btn-ghost btn-icon" onClick={props.onOpenSettings} aria-label="Settings" title="Workflow settings: name, description, target cluster">
        ⚙
      </button>
      <StatusBadge status={props.status} />
      <SaveIndicator readOnly={readOnly} />
      <span className="spacer" />
      <div className="row toolbar-group" aria-label="Edit">
        <button type="button" className="btn btn-sm" onClick={props.onOpenPalette} disabled={readOnly} aria-keyshortcuts="Control+K Meta+K">
          Add <kbd>Ctrl K</kbd>
        </button>
        <button type="button" className="btn btn-sm" onClick={() => store.getState().undo()} disabled={!canUndo || readOnly} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)" aria-label="Undo">
          ↶
        </button>
        <button type="button" className="btn btn-sm" onClick={() => store.getState().redo()} disabled={!canRedo || readOnly} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
          ↷
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={readOnly || count === 0}
          onClick={() => {
            const s = store.getState()
            s.setPositions(autoLayout(s.nodes, s.edges))
            requestAnimationFrame(() => void fitView({ ...FIT_VIEW_OPTIONS, duration: 300 }))
          }}
        >
          Auto-layout
        </button>
        <button type="button" className="btn btn-sm" onClick={() => void fitView({ ...FIT_VIEW_OPTIONS, duration: 300 })} disabled={count === 0}>
          Fit view
        </button>
      </div>
      <button type="button" className="btn btn-sm" onClick={props.onShowYaml} disabled={count === 0} title="The manifests this design renders to">
        YAML
      </button>
      <button type="button" className="btn btn-sm" aria-pressed={props.versionsOpen} onClick={props.onToggleVersions}>
        Versions
      </button>
      <Link href={`/workflows/${props.workflowId}/runs`} className="btn btn-sm">
        Runs
      </Link>
      {STATUS_ACTIONS[props.status].map((a) => {
        const blocked = a.to === 'PUBLISHED' && unsaved
        return (
          <button
            key={a.to}
            type="button"
            className={`btn btn-sm${a.primary ? ' btn-primary' : ''}`}
            disabled={props.statusBusy || blocked}
            title={blocked ? 'Save (and fix any problems) before publishing' : undefined}
            onClick={() => props.onStatus(a.to)}
          >
            {a.label}
          </button>
        )
      })}
      {props.runControls}
    </div>
  )
}
