import type { HealthState, RunLogLine, RunStatus, WorkflowEvent } from '../../../lib/graphql/types'

/** Runtime health of a node (SPEC §8), with its one-line cause. */
export type NodeHealth = { state: HealthState; message: string }

/** The run the canvas follows: the active one, or the last one seen finishing in this session. */
export type RunProgress = {
  runId: string
  status: RunStatus
  version: number | null
  logs: RunLogLine[]
  durationMs?: number
  error?: string | null
}

/** The tabs of the dock under the canvas: the run, and the selected node's logs, terminal, diagnostics. */
export type DockTab = 'run' | 'logs' | 'terminal' | 'diagnostics'

/** What the live event stream keeps in the editor's store: node health and run progress. */
export type LiveState = {
  health: Record<string, NodeHealth>
  run: RunProgress | null
  /** The open dock tab; null when the dock is closed. A run starting opens `run`. */
  dock: DockTab | null
  openDock(tab: DockTab | null): void
  /** Folds one `workflowEvents` event into the state; unknown events are ignored. */
  applyLiveEvent(event: WorkflowEvent): void
  /** Fills a followed run from its record (a reload during a run: the log so far). */
  loadRun(run: RunProgress): void
  /**
   * Follows a run this page just started, from the mutation's answer: the dock does not depend on
   * the live stream delivering run_started (which may already have come, with log lines after it).
   */
  followStartedRun(runId: string, version: number): void
}

const LOG_LIMIT = 500
const STATES = new Set<HealthState>(['healthy', 'partial', 'error', 'unknown'])
const healthOf = (state: string, message: string): NodeHealth => ({ state: STATES.has(state as HealthState) ? (state as HealthState) : 'unknown', message })

type Set = (partial: Partial<LiveState>) => void
type Get = () => LiveState

/** A zustand slice of the canvas store (one store per editor; see STYLE "Canvas state"). */
export function createLiveSlice(set: Set, get: Get): LiveState {
  return {
    health: {},
    run: null,
    dock: null,

    openDock(tab) {
      set({ dock: tab })
    },

    applyLiveEvent(event) {
      const { run, health } = get()
      switch (event.type) {
        case 'metadata': {
          // The last known state, persisted by the server: a reload shows the colours at once.
          const next: Record<string, NodeHealth> = {}
          for (const n of event.payload.nodes) next[n.nodeId] = healthOf(n.state, n.message)
          const active = event.payload.activeRunId
          const followed = active ? (run?.runId === active ? run : { runId: active, status: 'running' as const, version: null, logs: [] }) : run?.status === 'running' ? null : run
          return set({ health: next, run: followed, ...(active && !get().dock ? { dock: 'run' as const } : {}) })
        }
        case 'node_update':
          return set({ health: { ...health, [event.payload.nodeId]: healthOf(event.payload.state, event.payload.message) } })
        case 'run_started':
          return set({ run: { runId: event.payload.runId, status: 'running', version: event.payload.version, logs: [] }, dock: 'run' })
        case 'run_log': {
          const line = { at: event.payload.at, level: event.payload.level, message: event.payload.message }
          const base = run?.runId === event.payload.runId ? run : { runId: event.payload.runId, status: 'running' as const, version: null, logs: [] }
          return set({ run: { ...base, logs: [...base.logs.slice(-LOG_LIMIT + 1), line] } })
        }
        case 'run_completed': {
          const base = run?.runId === event.payload.runId ? run : { runId: event.payload.runId, version: null, logs: [] }
          return set({ run: { ...base, status: event.payload.status, durationMs: event.payload.durationMs, error: event.payload.error } })
        }
      }
    },

    followStartedRun(runId, version) {
      if (get().run?.runId === runId) return set({ dock: 'run' })
      set({ run: { runId, status: 'running', version, logs: [] }, dock: 'run' })
    },

    loadRun(loaded) {
      const { run } = get()
      if (run && run.runId !== loaded.runId) return
      // Lines that arrived live while the record was loading are kept after the recorded ones.
      const recorded = new Set(loaded.logs.map((l) => `${l.at}|${l.message}`))
      const extra = (run?.logs ?? []).filter((l) => !recorded.has(`${l.at}|${l.message}`))
      set({ run: { ...loaded, status: run?.status !== 'running' && run ? run.status : loaded.status, logs: [...loaded.logs, ...extra].slice(-LOG_LIMIT) } })
    },
  }
}
