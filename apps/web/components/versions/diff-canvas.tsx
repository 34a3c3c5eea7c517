'use client'

import { isNodeKind, kindRegistry } from '@kubeorch/domain'
import { Background, Handle, MarkerType, Position, ReactFlow, ReactFlowProvider, type Edge, type Node, type NodeProps, type NodeTypes } from '@xyflow/react'
import { memo, useMemo } from 'react'
import type { StoredEdge, StoredNode } from '../../lib/graphql/types'

export type DiffMark = 'added' | 'removed' | 'modified' | undefined
type DiffNodeData = { kind: string; name: string; mark: DiffMark }

const MARK_LABEL = { added: 'added', removed: 'removed', modified: 'modified' } as const

const DiffNode = memo(function DiffNode({ data }: NodeProps<Node<DiffNodeData>>) {
  return (
    <div className={`diff-node${data.mark ? ` is-${data.mark}` : ''}`}>
      {/* React Flow draws an edge only between handles; these are invisible and not connectable. */}
      <Handle type="target" position={Position.Left} isConnectable={false} className="diff-handle" />
      <div className="diff-node-kind">{isNodeKind(data.kind) ? kindRegistry[data.kind].label : data.kind}</div>
      <div className="diff-node-name">{data.name}</div>
      {data.mark && <div className="diff-node-mark">{MARK_LABEL[data.mark]}</div>}
      <Handle type="source" position={Position.Right} isConnectable={false} className="diff-handle" />
    </div>
  )
})

const diffNodeTypes: NodeTypes = { diff: DiffNode }
const edgeOptions = { markerEnd: { type: MarkerType.ArrowClosed } }

/** A read-only picture of one version, nodes marked by what the comparison found. */
export function DiffCanvas(props: {
  label: string
  nodes: StoredNode[]
  edges: StoredEdge[]
  marks: Record<string, DiffMark>
  edgeMarks: Record<string, DiffMark>
}) {
  const { nodes, edges } = useMemo(() => {
    const nodes: Node<DiffNodeData>[] = props.nodes.map((n) => ({
      id: n.id,
      type: 'diff',
      position: n.position,
      data: { kind: n.type, name: String(n.data.name ?? n.id), mark: props.marks[n.id] },
      draggable: false,
      connectable: false,
    }))
    const edges: Edge[] = props.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: null,
      targetHandle: null,
      className: props.edgeMarks[e.id] ? `diff-edge is-${props.edgeMarks[e.id]}` : undefined,
      ...edgeOptions,
    }))
    return { nodes, edges }
  }, [props.nodes, props.edges, props.marks, props.edgeMarks])

  return (
    <figure className="diff-canvas" aria-label={props.label}>
      <figcaption>{props.label}</figcaption>
      {/* Its own provider: it must not share the editor's React Flow store. */}
      <ReactFlowProvider>
        <ReactFlow nodes={nodes} edges={edges} nodeTypes={diffNodeTypes} fitView nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} proOptions={{ hideAttribution: true }}>
          <Background gap={20} />
        </ReactFlow>
      </ReactFlowProvider>
    </figure>
  )
}
