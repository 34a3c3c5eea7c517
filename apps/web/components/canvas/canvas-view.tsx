'use client'

import type { NodeKind } from '@kubeorch/domain'
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type DefaultEdgeOptions,
  type FinalConnectionState,
  type Node,
} from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react'
import { createPortal } from 'react-dom'
import { isNodeKind, kindRegistry } from '@kubeorch/domain'
import { CATEGORY_COLOR } from './nodes/kind-style'
import { FIT_VIEW_OPTIONS, MINIMAP } from './view-options'
import { nodeTypes } from './nodes/kind-node'
import { KIND_DRAG_TYPE } from './palette/palette-items'
import { useCanvasStore, useCanvasStoreApi } from './store/canvas-store-context'
import type { CanvasEdge, CanvasNode } from './store/design'

const defaultEdgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } }
const minimapStyle = { width: MINIMAP.width, height: MINIMAP.height }
const minimapColor = (n: Node) => (isNodeKind(n.type) ? CATEGORY_COLOR[kindRegistry[n.type].category] : '#999')

/** The React Flow surface, bound to the editor's store. */
export function CanvasView() {
  const store = useCanvasStoreApi()
  const { nodes, edges: storedEdges, readOnly, hint, warnings } = useCanvasStore((s) => ({ nodes: s.nodes, edges: s.edges, readOnly: s.readOnly, hint: s.hint, warnings: s.warnings }))
  // An edge whose autoscaler cannot measure its target says so on the edge itself.
  const edges = useMemo(() => {
    if (warnings.length === 0) return storedEdges
    const byEdge = new Map<string, string[]>()
    for (const w of warnings) if (w.edgeId) byEdge.set(w.edgeId, [...(byEdge.get(w.edgeId) ?? []), w.resource])
    return storedEdges.map((e) =>
      byEdge.has(e.id) ? { ...e, className: 'has-warning', label: `⚠ needs a ${byEdge.get(e.id)!.join(' and ')} request`, labelBgPadding: [4, 2] as [number, number] } : e,
    )
  }, [storedEdges, warnings])
  const { onNodesChange, onEdgesChange, onConnect, isValidConnection, addNodeOfKind, setHint } = store.getState()
  const { screenToFlowPosition, fitView, flowToScreenPosition, getNodes } = useReactFlow<CanvasNode, CanvasEdge>()
  const root = useRef<HTMLDivElement>(null)

  // The canvas shrinks when the dock or the versions panel opens (or the window does): a card
  // that ends up under the minimap (where its red cause would be read) or cut off at an edge is
  // brought back by fitting the view again.
  useEffect(() => {
    const el = root.current
    if (!el) return
    let frame = 0
    let initial = true
    const observer = new ResizeObserver(() => {
      // The first report is the size at mount, which React Flow's own fitView already uses.
      if (initial) return void (initial = false)
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const minimap = el.querySelector('.react-flow__minimap')?.getBoundingClientRect()
        const view = el.getBoundingClientRect()
        const hidden = getNodes().some((n) => {
          const a = flowToScreenPosition(n.position)
          const b = flowToScreenPosition({ x: n.position.x + (n.measured?.width ?? 220), y: n.position.y + (n.measured?.height ?? 110) })
          const visible = a.x < view.right && b.x > view.left && a.y < view.bottom && b.y > view.top
          const cut = visible && (b.x > view.right || b.y > view.bottom)
          const underMinimap = !!minimap && a.x < minimap.right && b.x > minimap.left && a.y < minimap.bottom && b.y > minimap.top
          return cut || underMinimap
        })
        if (hidden) void fitView(FIT_VIEW_OPTIONS)
      })
    })
    observer.observe(el)
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
    }
  }, [fitView, flowToScreenPosition, getNodes])

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(KIND_DRAG_TYPE)) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'move'
  }, [])

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(KIND_DRAG_TYPE)
      if (!isNodeKind(kind)) return
      e.preventDefault()
      addNodeOfKind(kind as NodeKind, screenToFlowPosition({ x: e.clientX, y: e.clientY }))
    },
    [addNodeOfKind, screenToFlowPosition],
  )

  // React Flow refuses an invalid edge silently; say why.
  const onConnectEnd = useCallback(
    (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.toNode || state.fromNode.id === state.toNode.id) return
      const fromSource = state.fromHandle?.type !== 'target'
      store.getState().explainConnection({
        source: fromSource ? state.fromNode.id : state.toNode.id,
        target: fromSource ? state.toNode.id : state.fromNode.id,
        sourceHandle: fromSource ? (state.fromHandle?.id ?? null) : (state.toHandle?.id ?? null),
      })
    },
    [store],
  )

  useEffect(() => {
    if (!hint) return
    const t = setTimeout(() => setHint(null), 8000)
    return () => clearTimeout(t)
  }, [hint, setHint])

  return (
    <div ref={root} className="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        defaultEdgeOptions={defaultEdgeOptions}
        deleteKeyCode={null}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesFocusable
        onlyRenderVisibleElements={nodes.length > 80}
        minZoom={0.1}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        aria-label="Workflow canvas"
      >
        <Background gap={20} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Minimap" style={minimapStyle} />
        <LayerExtent nodes={nodes} />
      </ReactFlow>
      {hint && (
        <div className="canvas-hint" role="alert">
          <span>{hint}</span>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setHint(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {nodes.length === 0 && (
        <div className="canvas-empty">
          <p>Drag a resource from the palette, or press Ctrl/⌘ K to add one.</p>
        </div>
      )}
    </div>
  )
}

const EXTENT_STEP = 1000
const selectDomNode = (s: { domNode: Element | null }) => s.domNode

/**
 * While the pane is dragged, globals.css makes React Flow's viewport a composited layer
 * (`will-change: transform`), so Chromium moves it as a whole instead of repainting and
 * re-rasterizing every card and edge each frame (what panning costs without a GPU). Chromium
 * splits a layer's content into separate layers where merging would leave large empty areas, and
 * a graph is mostly empty space: this box, painted first, spans every node and keeps the layer
 * whole. It draws nothing (its alpha is below one 8-bit step) and takes no pointer events.
 */
function LayerExtent({ nodes }: { nodes: CanvasNode[] }) {
  // Not <ViewportPortal>: its store selector queries the DOM on every store update (every pan frame).
  const domNode = useStore(selectDomNode)
  const target = useMemo(() => domNode?.querySelector('.react-flow__viewport-portal') ?? null, [domNode])
  const box = useMemo(() => extentOf(nodes), [nodes])
  if (!target || !box) return null
  return createPortal(<div className="canvas-layer-extent" style={box} aria-hidden />, target)
}

/** The nodes' bounds in flow coordinates, rounded out to EXTENT_STEP (so it seldom changes) plus a step of margin for edges. */
function extentOf(nodes: CanvasNode[]): { left: number; top: number; width: number; height: number } | null {
  if (nodes.length === 0) return null
  let x1 = Infinity
  let y1 = Infinity
  let x2 = -Infinity
  let y2 = -Infinity
  for (const n of nodes) {
    x1 = Math.min(x1, n.position.x)
    y1 = Math.min(y1, n.position.y)
    x2 = Math.max(x2, n.position.x + (n.measured?.width ?? 220))
    y2 = Math.max(y2, n.position.y + (n.measured?.height ?? 150))
  }
  const left = (Math.floor(x1 / EXTENT_STEP) - 1) * EXTENT_STEP
  const top = (Math.floor(y1 / EXTENT_STEP) - 1) * EXTENT_STEP
  return { left, top, width: (Math.ceil(x2 / EXTENT_STEP) + 1) * EXTENT_STEP - left, height: (Math.ceil(y2 / EXTENT_STEP) + 1) * EXTENT_STEP - top }
}
