'use client'

import { isWorkloadKind, kindRegistry, WORKLOAD_KINDS, type NodeKind } from '@kubeorch/domain'
import Link from 'next/link'
import { RunPanel } from '../run/run-panel'
import type { DockTab } from '../store/live-slice'
import { useCanvasStore, useCanvasStoreApi } from '../store/canvas-store-context'
import { DiagnosticsPanel } from './diagnostics-panel'
import { LogsPanel } from './logs-panel'
import { TerminalPanel } from './terminal-panel'

const TABS: { tab: DockTab; label: string; workloadOnly?: boolean }[] = [
  { tab: 'run', label: 'Run' },
  { tab: 'logs', label: 'Logs', workloadOnly: true },
  { tab: 'terminal', label: 'Terminal', workloadOnly: true },
  { tab: 'diagnostics', label: 'Diagnostics' },
]

/**
 * The dock under the canvas: the run's progress, and for the selected node its logs, a terminal
 * and diagnostics (SPEC §10, §15). Choosing the open tab again closes the dock.
 */
export function Dock({ workflowId, onFixApplied }: { workflowId: string; onFixApplied(): void }) {
  const store = useCanvasStoreApi()
  // Primitives only: the slice is compared shallowly, so a fresh object would render forever.
  const { dock, id, kind, name } = useCanvasStore((s) => {
    const picked = s.nodes.filter((n) => n.selected)
    const one = picked.length === 1 ? picked[0]! : null
    return { dock: s.dock, id: one?.id ?? null, kind: (one?.type ?? null) as NodeKind | null, name: one ? String(one.data.name || '(unnamed)') : '' }
  })
  const selected = id && kind ? { id, kind, name } : null
  const open = (tab: DockTab) => store.getState().openDock(dock === tab ? null : tab)
  const needsNode = dock && dock !== 'run'
  const noPods = needsNode && dock !== 'diagnostics' && selected && !isWorkloadKind(selected.kind)

  return (
    <div className={`dock${dock ? ` is-open is-${dock}` : ''}`}>
      <div className="dock-tabs" role="tablist" aria-label="Run and node tools">
        {TABS.map((t) => (
          <button key={t.tab} type="button" role="tab" id={`dock-tab-${t.tab}`} aria-selected={dock === t.tab} aria-controls="dock-panel" className="dock-tab" onClick={() => open(t.tab)}>
            {t.label}
          </button>
        ))}
        <span className="spacer" />
        {needsNode && selected && (
          <span className="muted small">
            {kindRegistry[selected.kind].label} <strong>{selected.name}</strong> ·{' '}
            <Link href={`/workflows/${workflowId}/nodes/${encodeURIComponent(selected.id)}`}>Resource details</Link>
          </span>
        )}
      </div>
      {dock && (
        <div className="dock-body" role="tabpanel" id="dock-panel" aria-labelledby={`dock-tab-${dock}`}>
          {dock === 'run' && <RunPanel workflowId={workflowId} />}
          {needsNode && !selected && <p className="muted dock-empty">Select one node on the canvas to see its {dock}.</p>}
          {noPods && <p className="muted dock-empty">A {kindRegistry[selected.kind].label} has no pods: pick a workload node ({WORKLOAD_KINDS.map((k) => kindRegistry[k].label).join(', ')}).</p>}
          {!noPods && selected && dock === 'logs' && <LogsPanel key={selected.id} workflowId={workflowId} nodeId={selected.id} />}
          {!noPods && selected && dock === 'terminal' && <TerminalPanel key={selected.id} workflowId={workflowId} nodeId={selected.id} />}
          {selected && dock === 'diagnostics' && <DiagnosticsPanel key={selected.id} workflowId={workflowId} nodeId={selected.id} onApplied={onFixApplied} />}
        </div>
      )}
    </div>
  )
}
