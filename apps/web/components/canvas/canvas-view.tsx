'use client'

import type { NodeKind } from '@kubeorch/domain'
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type DefaultEdgeOptions,
  type FinalConnectionState,
  type Node,
} from '@xyflow/react'
import { useCallback, useEffect, type DragEvent } from 'react'
import { isNodeKind, kindRegistry } from '@kubeorch/domain'
import { CATEGORY_COLOR } from './nodes/kind-style'
import { nodeTypes } from './nodes/kind-node'
import { KIND_DRAG_TYPE } from './palette/palette-items'
import { useCanvasStore, useCanvasStoreApi } from './store/canvas-store-context'
import type { CanvasEdge, CanvasNode } from './store/design'

const defaultEdgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } }
const fitViewOptions = { padding: 0.2, maxZoom: 1.2 }
const minimapColor = (n: Node) => (isNodeKind(n.type) ? CATEGORY_COLOR[kindRegistry[n.type].category] : '#999')

/** The React Flow surface, bound to the editor's store. */
export function CanvasView() {
  const store = useCanvasStoreApi()
  const { nodes, edges, readOnly, hint } = useCanvasStore((s) => ({ nodes: s.nodes, edges: s.edges, readOnly: s.readOnly, hint: s.hint }))
  const { onNodesChange, onEdgesChange, onConnect, isValidConnection, addNodeOfKind, setHint } = store.getState()
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>()

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
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop}>
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
        fitViewOptions={fitViewOptions}
        aria-label="Workflow canvas"
      >
        <Background gap={20} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Minimap" />
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
