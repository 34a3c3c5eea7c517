'use client'

import { kindRegistry, NODE_KINDS, summarizeNode, type NodeKind } from '@kubeorch/domain'
import { Handle, Position, useConnection, type NodeProps, type NodeTypes } from '@xyflow/react'
import { memo, useMemo } from 'react'
import { checkConnection } from '../store/connection-rules'
import { useCanvasStore, useCanvasStoreApi } from '../store/canvas-store-context'
import type { CanvasNode } from '../store/design'
import { CATEGORY_COLOR, HEALTH_COLOR } from './kind-style'

const UNKNOWN = { state: 'unknown', message: 'Not deployed yet' } as const
/** Kinds some other kind may point an edge at: they get a target handle. */
const TARGET_KINDS = new Set<NodeKind>(NODE_KINDS.flatMap((k) => kindRegistry[k].connectsTo))

function KindNodeCard({ id, kind, data, selected }: { id: string; kind: NodeKind; data: CanvasNode['data']; selected: boolean }) {
  const def = kindRegistry[kind]
  const issues = useCanvasStore((s) => s.issuesByNode[id])
  const health = useCanvasStore((s) => s.health[id]) ?? UNKNOWN
  const color = CATEGORY_COLOR[def.category]
  const name = typeof data.name === 'string' && data.name ? data.name : '(unnamed)'
  // A kind whose edges leave from slots (an ingress's paths) gets one source handle per slot.
  const slots = def.edgeSlots?.of(data) ?? null
  const problem = issues?.[0]
  const connect = useDropVerdict(id)
  // A string: cards compare slices shallowly, and most have no warning.
  const warning = useCanvasStore((s) => {
    const mine = s.warnings.filter((w) => w.targetId === id || w.hpaId === id)
    if (mine.length === 0) return ''
    const resources = [...new Set(mine.map((w) => w.resource))].join(' and ')
    return mine[0]!.targetId === id ? `⚠ needs a ${resources} request for its autoscaler` : `⚠ its target requests no ${resources}`
  })

  return (
    <div
      className={`kind-node health-${health.state}${selected ? ' is-selected' : ''}${problem ? ' has-problem' : ''}${connect ? ` connect-${connect.ok ? 'valid' : 'invalid'}` : ''}`}
      data-connect={connect ? (connect.ok ? 'valid' : 'invalid') : undefined}
      title={connect && !connect.ok ? connect.reason : undefined}
      style={{ '--kind-color': color, '--health-color': HEALTH_COLOR[health.state] } as React.CSSProperties}
      data-kind={kind}
      data-health={health.state}
      data-testid={`node-${name}`}
    >
      {TARGET_KINDS.has(kind) && <Handle type="target" position={Position.Left} aria-label={`Connect into ${name}`} />}
      <div className="kind-node-head">
        {/* Long kind names (HorizontalPodAutoscaler) are set tighter, to fit beside the dot whole. */}
        <span className={`kind-node-kind${def.label.length > 16 ? ' is-long' : ''}`} title={def.label}>
          {def.label}
        </span>
        <span className="kind-node-dot" style={{ background: HEALTH_COLOR[health.state] }} title={`Status: ${health.state}`} aria-label={`Status: ${health.state}`} role="img" />
      </div>
      <div className="kind-node-name">{name}</div>
      {connect?.ok && <div className="kind-node-connect">Drop here to connect</div>}
      {summarizeNode(kind, data).map((line, i) => (
        <div key={i} className="kind-node-line">
          {line}
        </div>
      ))}
      <div
        className={`kind-node-cause${problem ? ' is-problem' : warning ? ' is-warning' : ''}`}
        role={problem ? 'alert' : undefined}
        title={problem ? undefined : warning || health.message}
      >
        {problem
          ? `${issues.length > 1 ? `${issues.length} problems: ` : ''}${fieldOf(problem.path)}${problem.message}`
          : warning || health.message}
      </div>
      {slots
        ? slots.map((slot, i) => (
            <Handle
              key={`${i}:${slot.id}`}
              type="source"
              id={slot.id}
              position={Position.Right}
              style={{ top: `${((i + 1) / (slots.length + 1)) * 100}%` }}
              title={`${capitalize(def.edgeSlots!.noun)} ${slot.label}`}
              aria-label={`Route ${def.edgeSlots!.noun} ${slot.label} of ${name}`}
            />
          ))
        : def.connectsTo.length > 0 && <Handle type="source" position={Position.Right} aria-label={`Connect from ${name}`} />}
    </div>
  )
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * While an edge is being drawn: whether it may end on this card (the same rule onConnect applies),
 * so valid targets show before letting go. Null when no edge is drawn, or on the card it starts from.
 */
function useDropVerdict(id: string) {
  const store = useCanvasStoreApi()
  // A string, so cards re-render when a drag starts or ends, not on every pointer move.
  const from = useConnection((c) => (c.inProgress ? `${c.fromHandle.type}\u0000${c.fromNode.id}\u0000${c.fromHandle.id ?? ''}` : null))
  return useMemo(() => {
    if (!from) return null
    const [type, fromId, handle] = from.split('\u0000') as [string, string, string]
    if (fromId === id) return null
    const { nodes, edges } = store.getState()
    return type === 'source'
      ? checkConnection({ source: fromId, target: id, sourceHandle: handle || null }, nodes, edges)
      : checkConnection({ source: id, target: fromId }, nodes, edges)
  }, [from, id, store])
}

/** `nodes.3.data.image` → `image: ` so the card names the field. */
function fieldOf(path: (string | number)[]): string {
  const at = path.indexOf('data')
  const rest = at >= 0 ? path.slice(at + 1) : []
  return rest.length ? `${rest.join('.')}: ` : ''
}

function defineNodeComponent(kind: NodeKind) {
  const Component = memo(function KindNode({ id, data, selected }: NodeProps<CanvasNode>) {
    return <KindNodeCard id={id} kind={kind} data={data} selected={!!selected} />
  })
  Component.displayName = `${kindRegistry[kind].label}Node`
  return Component
}

/** One memoized component per kind, built once at module level (React Flow wants a stable object). */
export const nodeTypes: NodeTypes = Object.fromEntries(NODE_KINDS.map((kind) => [kind, defineNodeComponent(kind)]))
