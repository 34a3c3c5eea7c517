'use client'

import type { NodeKind } from '@kubeorch/domain'
import { ReactFlowProvider, useReactFlow } from '@xyflow/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useClient, useMutation, useQuery } from 'urql'
import { RUN, SET_WORKFLOW_STATUS, WORKFLOW } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { RunDetail, WorkflowDetail, WorkflowStatus, WorkflowSummary } from '../../lib/graphql/types'
import { useWorkflowEvents } from '../../lib/graphql/use-workflow-events'
import { FormError } from '../ui/form-error'
import { VersionsPanel } from '../versions/versions-panel'
import { ArchiveWorkflowDialog } from '../workflows/archive-workflow-dialog'
import { WorkflowSettingsDialog } from '../workflows/workflow-settings-dialog'
import { CanvasView } from './canvas-view'
import { DesignYamlDialog } from './design-yaml-dialog'
import { EditorToolbar } from './editor-toolbar'
import { ConflictBanner } from './save-indicator'
import { CommandPalette } from './palette/command-palette'
import { PaletteSidebar } from './palette/palette-sidebar'
import { RunControls } from './run/run-controls'
import { Dock } from './monitor/dock'
import { SettingsPanel } from './settings/settings-panel'
import { CanvasStoreProvider, useCanvasStore, useCanvasStoreApi } from './store/canvas-store-context'
import { useAutoSave } from './use-auto-save'
import { useEditorShortcuts } from './use-editor-shortcuts'
import { useLeaveGuard } from './use-leave-guard'
import { Modal } from '../ui/modal'
import { useValidation } from './use-validation'

/** Loads the workflow, then opens an editor with its own store. */
export function WorkflowEditorPage({ id }: { id: string }) {
  const [{ data, error }] = useQuery<{ workflow: ApiResult<WorkflowDetail> }>({ query: WORKFLOW, variables: { id }, requestPolicy: 'network-only' })
  const result = data || error ? unwrap<WorkflowDetail>(data?.workflow, error) : null
  if (!result) return <p className="empty" role="status">Loading workflow…</p>
  if (!result.ok) {
    return (
      <main className="page">
        <FormError error={result.error} />
      </main>
    )
  }
  const wf = result.data
  return (
    <CanvasStoreProvider key={wf.id} init={{ design: { nodes: wf.nodes, edges: wf.edges }, revision: wf.revision, readOnly: wf.status !== 'DRAFT' }}>
      <ReactFlowProvider>
        <Editor workflow={wf} />
      </ReactFlowProvider>
    </CanvasStoreProvider>
  )
}

function Editor({ workflow }: { workflow: WorkflowDetail }) {
  const id = workflow.id
  const store = useCanvasStoreApi()
  const client = useClient()
  const { screenToFlowPosition } = useReactFlow()
  const canvasRef = useRef<HTMLDivElement>(null)
  const [status, setStatus] = useState<WorkflowStatus>(workflow.status)
  const [versionsOpen, setVersionsOpen] = useState(false)
  const [paletteOpen, setPaletteOpen] = useState(false)
  const [statusError, setStatusError] = useState<ApiError | null>(null)
  const [archiving, setArchiving] = useState(false)
  const [showYaml, setShowYaml] = useState(false)
  const [editingSettings, setEditingSettings] = useState(false)
  // Name, description and cluster change in the settings dialog without a reload.
  const [meta, setMeta] = useState({ name: workflow.name, description: workflow.description, cluster: workflow.cluster })
  const [{ fetching: statusBusy }, setWorkflowStatus] = useMutation<{ setWorkflowStatus: ApiResult<WorkflowSummary> }>(SET_WORKFLOW_STATUS)
  const readOnly = useCanvasStore((s) => s.readOnly)

  useValidation()
  const { flush } = useAutoSave(id)
  const openPalette = useCallback(() => !store.getState().readOnly && setPaletteOpen(true), [store])
  const closePalette = useCallback(() => setPaletteOpen(false), [])
  useEditorShortcuts(store, { openPalette, save: flush })
  const leaving = useLeaveGuard(store, flush)

  useEffect(() => store.getState().setReadOnly(status !== 'DRAFT'), [status, store])

  /** Takes the server's design (someone else's save, a restore); local unsaved work is replaced. */
  const loadFromServer = useCallback(async () => {
    const r = await client.query<{ workflow: ApiResult<WorkflowDetail> }>(WORKFLOW, { id }, { requestPolicy: 'network-only' }).toPromise()
    const res = unwrap(r.data?.workflow, r.error)
    if (!res.ok) return setStatusError(res.error)
    store.getState().loadDesign({ nodes: res.data.nodes, edges: res.data.edges }, res.data.revision)
    setStatus(res.data.status)
  }, [client, id, store])

  /** A reload during a run: the log so far comes from the run's record, then live lines follow. */
  const loadActiveRun = useCallback(
    async (runId: string) => {
      const r = await client.query<{ run: ApiResult<RunDetail> }>(RUN, { workflowId: id, runId }, { requestPolicy: 'network-only' }).toPromise()
      const res = unwrap(r.data?.run, r.error)
      if (res.ok) store.getState().loadRun({ runId, status: res.data.status, version: res.data.version, logs: res.data.logs })
    },
    [client, id, store],
  )

  // Live events: the first (metadata) is the current state with the last known node health, then
  // saves, status changes, run progress and health changes as they happen.
  useWorkflowEvents(id, (event) => {
    store.getState().applyLiveEvent(event)
    if (event.type === 'metadata') {
      setStatus(event.payload.status)
      if (event.payload.activeRunId) void loadActiveRun(event.payload.activeRunId)
    }
    if (event.type === 'workflow_updated') {
      if (event.payload.status) setStatus(event.payload.status)
      const s = store.getState()
      const idle = s.change === s.savedChange && s.save.state !== 'saving'
      if (typeof event.payload.revision === 'number' && event.payload.revision > s.revision && idle) void loadFromServer()
    }
  })

  const addAtCenter = useCallback(
    (kind: NodeKind) => {
      setPaletteOpen(false)
      const rect = canvasRef.current?.getBoundingClientRect()
      if (!rect) return
      const centre = screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
      // The store moves it off any card already there.
      const position = { x: Math.round(centre.x - 110), y: Math.round(centre.y - 55) }
      store.getState().addNodeOfKind(kind, position)
    },
    [screenToFlowPosition, store],
  )

  async function changeStatus(to: WorkflowStatus) {
    setStatusError(null)
    if (to === 'ARCHIVED') return setArchiving(true)
    const r = await setWorkflowStatus({ id, status: to }, { additionalTypenames: ['Workflow'] })
    const res = unwrap(r.data?.setWorkflowStatus, r.error)
    if (res.ok) setStatus(res.data.status)
    else setStatusError(res.error)
  }

  return (
    <div className="editor">
      <EditorToolbar
        workflowId={id}
        name={meta.name}
        clusterName={meta.cluster.name}
        onOpenSettings={() => setEditingSettings(true)}
        status={status}
        statusBusy={statusBusy}
        versionsOpen={versionsOpen}
        onToggleVersions={() => setVersionsOpen((v) => !v)}
        onOpenPalette={openPalette}
        onShowYaml={() => setShowYaml(true)}
        onStatus={changeStatus}
        runControls={<RunControls workflowId={id} clusterName={meta.cluster.name} status={status} onStatus={setStatus} onError={setStatusError} />}
      />
      <ConflictBanner workflowId={id} onLoadTheirs={() => void loadFromServer()} />
      {statusError && (
        <div className="editor-banner">
          <FormError error={statusError} />
        </div>
      )}
      <div className={`editor-main${versionsOpen ? ' with-versions' : ''}`}>
        <PaletteSidebar disabled={readOnly} onAdd={addAtCenter} />
        <div className="canvas-column">
          <div ref={canvasRef} className="canvas-wrap">
            <CanvasView />
          </div>
          <Dock workflowId={id} onFixApplied={() => void loadFromServer()} />
        </div>
        {/* Beside the settings, not instead of them: comparing versions while reading a node's fields. */}
        <SettingsPanel workflowId={id} sandbox={meta.cluster.sandbox === true} />
        {versionsOpen && <VersionsPanel workflowId={id} canRestore={status !== 'ARCHIVED'} onRestored={() => void loadFromServer()} />}
      </div>
      {paletteOpen && <CommandPalette onPick={addAtCenter} onClose={closePalette} />}
      {leaving.request && (
        <Modal
          title="Leave without saving?"
          onClose={leaving.stay}
          actions={
            <>
              <button type="button" className="btn btn-primary" onClick={leaving.stay} autoFocus>
                Stay and fix
              </button>
              <button type="button" className="btn btn-danger" onClick={leaving.leave}>
                Leave and discard my changes
              </button>
            </>
          }
        >
          <p>{leaving.request.why}</p>
          <p className="muted">Leaving now loses them. Staying keeps them on the canvas; the settings panel lists what to fix.</p>
        </Modal>
      )}
      {editingSettings && (
        <WorkflowSettingsDialog
          workflow={{ id, ...meta }}
          onClose={() => setEditingSettings(false)}
          onSaved={(w) => {
            setEditingSettings(false)
            setMeta({ name: w.name, description: w.description, cluster: w.cluster })
          }}
        />
      )}
      {showYaml && <DesignYamlDialog workflowId={id} name={meta.name} onClose={() => setShowYaml(false)} />}
      {archiving && (
        <ArchiveWorkflowDialog
          workflow={{ id, name: meta.name }}
          onClose={() => setArchiving(false)}
          onArchived={(w) => {
            setArchiving(false)
            setStatus(w.status)
          }}
        />
      )}
    </div>
  )
}
