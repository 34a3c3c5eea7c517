import { applyNodePatch, createNodeOfKind, type GraphIssue, type NodeKind, type NodePatch, type ScalingRequestGap, type WorkflowGraph } from '@kubeorch/domain'
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react'
import { createStore } from 'zustand/vanilla'
import { checkConnection } from './connection-rules'
import { fromDesign, toDesign, withLinks, type CanvasEdge, type CanvasNode, type Design, type NodeData } from './design'
import { createLiveSlice, type LiveState } from './live-slice'
import { freeSpot } from './placement'

export type { NodeHealth, RunProgress } from './live-slice'

const HISTORY_LIMIT = 100

export type SaveState =
  | { state: 'saved' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'invalid'; count: number }
  | { state: 'conflict'; currentRevision: number; message: string }
  | { state: 'error'; message: string }

/** The design being edited, its history and save state; plus the live slice (health, run). */
export type CanvasState = LiveState & {
  nodes: CanvasNode[]
  edges: CanvasEdge[]
  readOnly: boolean
  past: Design[]
  future: Design[]
  /** Bumped by every change to the design; the auto-save compares it with `savedChange`. */
  change: number
  savedChange: number
  /** The server revision the local design is based on (sent with each save). */
  revision: number
  /** The design as of `revision` (loaded or last saved): what a conflicting save is compared with. */
  baseDesign: Design
  save: SaveState
  /** Problems found by the domain's validateGraph, by node id (and for the whole graph). */
  issues: GraphIssue[]
  issuesByNode: Record<string, GraphIssue[]>
  /**
   * What would deploy and then fail (the domain's scalingRequestGaps, which the server refuses a
   * run for): shown on the edge, the cards and the settings, with a one-click fix; saving goes on.
   */
  warnings: ScalingRequestGap[]
  /** Why the last connection attempt was refused, shown until the next attempt. */
  hint: string | null

  onNodesChange(changes: NodeChange<CanvasNode>[]): void
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void
  onConnect(connection: Connection): void
  isValidConnection(connection: Connection | CanvasEdge): boolean
  explainConnection(connection: { source: string; target: string; sourceHandle?: string | null }): void
  addNodeOfKind(kind: NodeKind, position: XYPosition): string
  /** Edits with the same `coalesce` key in quick succession (typing) make one undo step. */
  updateNodeData(id: string, data: NodeData, coalesce?: string): void
  removeEdge(id: string): void
  deleteSelected(): void
  selectOnly(id: string | null): void
  setPositions(positions: Record<string, XYPosition>): void
  undo(): void
  redo(): void
  /** Replaces the design with the server's (load, restore, someone else's save). */
  loadDesign(design: Design, revision: number): void
  setReadOnly(readOnly: boolean): void
  setHint(hint: string | null): void
  setIssues(issues: GraphIssue[]): void
  setWarnings(warnings: ScalingRequestGap[]): void
  /** A domain fix (a patch to one node's data) as one edit, undoable like any other. */
  applyPatch(patch: NodePatch): void
  // auto-save bookkeeping
  markSaving(): void
  markSaved(change: number, revision: number, design: Design): void
  markSaveFailed(save: SaveState): void
  rebase(revision: number): void
}

export type CanvasStore = ReturnType<typeof createCanvasStore>

export function createCanvasStore(initial: { design: Design; revision: number; readOnly: boolean }) {
  const start = fromDesign(initial.design)
  return createStore<CanvasState>()((set, get) => {
    let dragging = false
    let lastEdit = { key: '', at: 0 }
    /** Records the current design for undo, before a change. */
    const remember = () => {
      lastEdit = { key: '', at: 0 }
      const { nodes, edges, past } = get()
      set({ past: [...past.slice(-HISTORY_LIMIT + 1), toDesign(nodes, edges)], future: [] })
    }
    /** Applies a design change: links recomputed, the auto-save told. */
    const commit = (nodes: CanvasNode[], edges: CanvasEdge[], relink = true) => {
      const s = get()
      set({
        nodes: relink ? withLinks(nodes, edges) : nodes,
        edges,
        change: s.change + 1,
        save: s.save.state === 'conflict' ? s.save : { state: 'pending' },
      })
    }

    return {
      ...createLiveSlice(set, get),
      nodes: withLinks(start.nodes, start.edges),
      edges: start.edges,
      readOnly: initial.readOnly,
      past: [],
      future: [],
      change: 0,
      savedChange: 0,
      revision: initial.revision,
      baseDesign: initial.design,
      save: { state: 'saved' },
      issues: [],
      issuesByNode: {},
      warnings: [],
      hint: null,

      onNodesChange(changes) {
        const s = get()
        const design = changes.filter((c) => c.type === 'position' || c.type === 'remove' || c.type === 'add' || c.type === 'replace')
        if (design.length === 0 || s.readOnly) {
          // Selection and measured sizes are view state: no history, no save.
          const view = s.readOnly ? changes.filter((c) => c.type === 'select' || c.type === 'dimensions') : changes
          set({ nodes: applyNodeChanges(view, s.nodes) })
          return
        }
        const moving = design.some((c) => c.type === 'position' && c.dragging)
        if (moving) {
          // One undo step per drag: remember the positions at its start only.
          if (!dragging) remember()
          dragging = true
          set({ nodes: applyNodeChanges(changes, s.nodes) })
          return
        }
        if (!dragging) remember()
        dragging = false
        const nodes = applyNodeChanges(changes, s.nodes)
        const removed = new Set(design.filter((c) => c.type === 'remove').map((c) => (c as { id: string }).id))
        const edges = removed.size ? s.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)) : s.edges
        commit(nodes, edges, removed.size > 0)
      },

      onEdgesChange(changes) {
        const s = get()
        const removes = changes.filter((c) => c.type === 'remove')
        if (removes.length === 0 || s.readOnly) {
          set({ edges: applyEdgeChanges(changes.filter((c) => c.type === 'select'), s.edges) })
          return
        }
        remember()
        commit(s.nodes, applyEdgeChanges(changes, s.edges))
      },

      isValidConnection(connection) {
        const s = get()
        return !s.readOnly && checkConnection(connection, s.nodes, s.edges).ok
      },

      explainConnection(connection) {
        const s = get()
        const check = checkConnection(connection, s.nodes, s.edges)
        set({ hint: check.ok ? null : check.reason })
      },

      onConnect(connection) {
        const s = get()
        if (s.readOnly) return
        const check = checkConnection(connection, s.nodes, s.edges)
        if (!check.ok) return set({ hint: check.reason })
        remember()
        const edge: CanvasEdge = {
          id: crypto.randomUUID(),
          source: connection.source,
          target: connection.target,
          sourceHandle: connection.sourceHandle ?? null,
          targetHandle: connection.targetHandle ?? null,
        }
        set({ hint: null })
        commit(s.nodes, [...s.edges, edge])
      },

      addNodeOfKind(kind, position) {
        const s = get()
        const id = crypto.randomUUID()
        if (s.readOnly) return id
        remember()
        const created = createNodeOfKind(kind, { id, position: freeSpot(position, s.nodes), graph: toDesign(s.nodes, s.edges) as WorkflowGraph })
        const node: CanvasNode = { id, type: kind, position: created.position, data: created.data, selected: true }
        commit([...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], s.edges, false)
        return id
      },

      updateNodeData(id, data, coalesce) {
        const s = get()
        if (s.readOnly) return
        const key = coalesce ? `${id}:${coalesce}` : ''
        const now = Date.now()
        if (!key || key !== lastEdit.key || now - lastEdit.at > 1500) remember()
        lastEdit = { key, at: now }
        commit(s.nodes.map((n) => (n.id === id ? { ...n, data } : n)), s.edges)
      },

      removeEdge(id) {
        const s = get()
        if (s.readOnly) return
        remember()
        commit(s.nodes, s.edges.filter((e) => e.id !== id))
      },

      deleteSelected() {
        const s = get()
        if (s.readOnly) return
        const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id))
        const edges = s.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target))
        if (gone.size === 0 && edges.length === s.edges.length) return
        remember()
        commit(s.nodes.filter((n) => !gone.has(n.id)), edges)
      },

      selectOnly(id) {
        set({
          nodes: get().nodes.map((n) => (n.id === id ? (n.selected ? n : { ...n, selected: true }) : n.selected ? { ...n, selected: false } : n)),
          edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        })
      },

      setPositions(positions) {
        const s = get()
        if (s.readOnly) return
        remember()
        commit(s.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)), s.edges, false)
      },

      undo() {
        const s = get()
        const previous = s.past[s.past.length - 1]
        if (!previous || s.readOnly) return
        const next = fromDesign(previous)
        set({ past: s.past.slice(0, -1), future: [toDesign(s.nodes, s.edges), ...s.future] })
        commit(keepSelection(next.nodes, s.nodes), next.edges)
      },

      redo() {
        const s = get()
        const following = s.future[0]
        if (!following || s.readOnly) return
        const next = fromDesign(following)
        set({ future: s.future.slice(1), past: [...s.past, toDesign(s.nodes, s.edges)] })
        commit(keepSelection(next.nodes, s.nodes), next.edges)
      },

      loadDesign(design, revision) {
        const next = fromDesign(design)
        const s = get()
        set({
          nodes: withLinks(keepSelection(next.nodes, s.nodes), next.edges),
          edges: next.edges,
          revision,
          baseDesign: design,
          change: s.change + 1,
          savedChange: s.change + 1,
          save: { state: 'saved' },
          past: [],
          future: [],
        })
      },

      setReadOnly(readOnly) {
        set({ readOnly })
      },
      setHint(hint) {
        set({ hint })
      },
      setIssues(issues) {
        const byNode: Record<string, GraphIssue[]> = {}
        for (const issue of issues) if (issue.nodeId) (byNode[issue.nodeId] ??= []).push(issue)
        const s = get()
        // Keep each node's list identity when it did not change, so its card does not re-render.
        for (const id of Object.keys(byNode)) {
          if (JSON.stringify(s.issuesByNode[id]) === JSON.stringify(byNode[id])) byNode[id] = s.issuesByNode[id]!
        }
        set({ issues, issuesByNode: byNode })
      },

      setWarnings(warnings) {
        if (JSON.stringify(warnings) !== JSON.stringify(get().warnings)) set({ warnings })
      },
      applyPatch(patch) {
        const s = get()
        const node = s.nodes.find((n) => n.id === patch.nodeId)
        if (!node || s.readOnly) return
        const patched = applyNodePatch(toDesign([node], []) as WorkflowGraph, patch).nodes[0]!
        get().updateNodeData(node.id, patched.data)
      },

      markSaving() {
        set({ save: { state: 'saving' } })
      },
      markSaved(change, revision, design) {
        const s = get()
        set({ savedChange: change, revision, baseDesign: design, save: s.change > change ? { state: 'pending' } : { state: 'saved' } })
      },
      markSaveFailed(save) {
        set({ save })
      },
      rebase(revision) {
        const s = get()
        set({ revision, save: s.change > s.savedChange ? { state: 'pending' } : { state: 'saved' } })
      },
    }
  })
}

function keepSelection(next: CanvasNode[], current: CanvasNode[]): CanvasNode[] {
  const selected = new Set(current.filter((n) => n.selected).map((n) => n.id))
  return selected.size ? next.map((n) => (selected.has(n.id) ? { ...n, selected: true } : n)) : next
}
