'use client'

import { kindRegistry, NODE_KINDS, summarizeNode, type NodeKind } from '@kubeorch/domain'
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react'
import { memo } from 'react'
import { useCanvasStore } from '../store/canvas-store-context'
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

  return (
    <div
      className={`kind-node health-${health.state}${selected ? ' is-selected' : ''}${problem ? ' has-problem' : ''}`}
      style={{ '--kind-color': color, '--health-color': HEALTH_COLOR[health.state] } as React.CSSProperties}
      data-kind={kind}
      data-health={health.state}
      data-testid={`node-${name}`}
    >
      {TARGET_KINDS.has(kind) && <Handle type="target" position={Position.Left} aria-label={`Connect into ${name}`} />}
      <div className="kind-node-head">
        <span className="kind-node-kind">{def.label}</span>
        <span className="kind-node-dot" style={{ background: HEALTH_COLOR[health.state] }} title={`Status: ${health.state}`} aria-label={`Status: ${health.state}`} role="img" />
      </div>
      <div className="kind-node-name">{name}</div>
      {summarizeNode(kind, data).map((line, i) => (
        <div key={i} className="kind-node-line">
          {line}
        </div>
      ))}
      <div className={`kind-node-cause${problem ? ' is-problem' : ''}`} role={problem ? 'alert' : undefined} title={problem ? undefined : health.message}>
        {problem
          ? `${issues.length > 1 ? `${issues.length} problems: ` : ''}${fieldOf(problem.path)}${problem.message}`
          : health.message}
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
