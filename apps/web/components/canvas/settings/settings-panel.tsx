'use client'

import { describeLinks, isWorkloadKind, kindRegistry, type GraphIssue, type LinkDescription, type NodeKind } from '@kubeorch/domain'
import { FAILURE_IMAGE_EFFECTS, FAILURE_IMAGES } from '@kubeorch/testenv/failures'
import Link from 'next/link'
import { useMemo } from 'react'
import { aKind, checkConnection } from '../store/connection-rules'
import { useCanvasStore, useCanvasStoreApi } from '../store/canvas-store-context'
import type { CanvasNode } from '../store/design'
import { kindJsonSchema, pathKey, type Path } from './kind-json-schema'
import { SchemaForm } from './schema-form'

/** Settings of the selected node: its form, its connections, and the fields its edges set. */
/**
 * On the sandbox no image is ever pulled (its nodes are kwok's), so a typo runs green; these
 * images fail on purpose, to see a red node, diagnostics and their fixes.
 */
const SANDBOX_IMAGES = (Object.keys(FAILURE_IMAGES) as (keyof typeof FAILURE_IMAGES)[]).map((key) => ({
  value: FAILURE_IMAGES[key],
  label: `fails on the sandbox: ${FAILURE_IMAGE_EFFECTS[key]}`,
}))

export function SettingsPanel({ workflowId, sandbox = false }: { workflowId: string; sandbox?: boolean }) {
  const selectedId = useCanvasStore((s) => {
    const selected = s.nodes.filter((n) => n.selected)
    return selected.length === 1 ? selected[0]!.id : null
  })
  return (
    <aside className="settings" aria-label="Settings">
      {selectedId ? <NodeSettings key={selectedId} id={selectedId} workflowId={workflowId} sandbox={sandbox} /> : <GraphOverview />}
    </aside>
  )
}

function NodeSettings({ id, workflowId, sandbox }: { id: string; workflowId: string; sandbox: boolean }) {
  const store = useCanvasStoreApi()
  const node = useCanvasStore((s) => s.nodes.find((n) => n.id === id))
  const issues = useCanvasStore((s) => s.issuesByNode[id])
  const readOnly = useCanvasStore((s) => s.readOnly)
  const errors = useMemo(() => issuesByField(issues), [issues])
  if (!node) return null
  const kind = node.type as NodeKind
  const def = kindRegistry[kind]
  const links = describeLinks(kind, node.data)
  const nodeLevel = errors.get('') ?? []

  return (
    <div className="settings-body">
      <p className="settings-kind">{def.label}</p>
      <h2 className="panel-title">{String(node.data.name || '(unnamed)')}</h2>
      <p className="muted settings-desc">{def.description}</p>
      <p className="settings-resources">
        <Link href={`/workflows/${workflowId}/nodes/${encodeURIComponent(id)}`}>Resource details</Link>
        <span className="muted small"> — manifest, live object, pods, events</span>
      </p>
      {readOnly && <p className="field-hint">This workflow is read-only in its current status.</p>}
      <DesignWarnings id={id} readOnly={readOnly} />
      {nodeLevel.length > 0 && (
        <div className="form-error" role="alert">
          {nodeLevel.join('; ')}
        </div>
      )}
      <form onSubmit={(e) => e.preventDefault()} aria-label={`${def.label} settings`}>
        <SchemaForm
          schema={kindJsonSchema(kind)}
          root={node.data}
          idPrefix={`node-${id.slice(0, 8)}`}
          readOnly={readOnly}
          errors={errors}
          notes={links.fields}
          suggestions={sandbox && isWorkloadKind(kind) ? { image: SANDBOX_IMAGES } : undefined}
          secretPaths={(path: Path) => kind === 'secret' && path[0] === 'entries' && path[2] === 'value'}
          onChange={(data, field) => store.getState().updateNodeData(id, data, field)}
        />
      </form>
      <Connections node={node} readOnly={readOnly} />
      <LinkedFields links={links} />
      {!readOnly && (
        <button type="button" className="btn btn-danger" style={{ marginTop: '1rem' }} onClick={() => store.getState().deleteSelected()}>
          Delete node
        </button>
      )}
    </div>
  )
}

/** What would deploy and then fail, with the domain's one-click fix (the server refuses such a run). */
function DesignWarnings({ id, readOnly }: { id: string; readOnly: boolean }) {
  const store = useCanvasStoreApi()
  const warnings = useCanvasStore((s) => s.warnings.filter((w) => w.targetId === id || w.hpaId === id))
  if (warnings.length === 0) return null
  return (
    <div className="design-warning" role="status" aria-label="Design warnings">
      {warnings.map((w) => (
        <div key={`${w.hpaId}-${w.targetId}-${w.resource}`}>
          <p>⚠ {w.message}. A run would fail.</p>
          {!readOnly && (
            <button type="button" className="btn btn-sm btn-primary" onClick={() => store.getState().applyPatch(w.fix.patch)}>
              {w.fix.title}
            </button>
          )}
        </div>
      ))}
    </div>
  )
}

/** What this node's edges make it do, in sentences; each linked node is a link that selects it. */
function LinkedFields({ links }: { links: LinkDescription }) {
  const store = useCanvasStoreApi()
  if (links.sentences.length === 0) return null
  return (
    <section className="form-group linked-fields" aria-label="Linked through edges">
      <h3>Through its edges</h3>
      <ul>
        {links.sentences.map((s, i) => (
          <li key={i}>
            {s.before}{' '}
            <button type="button" className="link-button" onClick={() => store.getState().selectOnly(s.node.nodeId)}>
              {kindRegistry[s.node.kind].label} {s.node.name || '(unnamed)'}
            </button>
            {s.after.startsWith(',') || s.after.startsWith('.') || s.after.startsWith(';') ? '' : ' '}
            {s.after}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Keyboard alternative to drawing edges: list, remove and add this node's connections. */
function Connections({ node, readOnly }: { node: CanvasNode; readOnly: boolean }) {
  const store = useCanvasStoreApi()
  const edges = useCanvasStore((s) => s.edges.filter((e) => e.source === node.id || e.target === node.id))
  const names = useCanvasStore((s) => s.nodes.map((n) => `${n.id}\u0000${String(n.data.name ?? '')}\u0000${n.type}`))
  const nameOf = (id: string) => names.find((n) => n.startsWith(`${id}\u0000`))?.split('\u0000')[1] ?? id
  const kind = node.type as NodeKind
  const canSource = kindRegistry[kind].connectsTo.length > 0
  const candidates = canSource
    ? names
        .map((n) => n.split('\u0000') as [string, string, string])
        .filter(([target]) => checkConnection({ source: node.id, target }, store.getState().nodes, store.getState().edges).ok)
    : []

  return (
    <section className="form-group connections" aria-label="Connections">
      <h3>Connections</h3>
      {edges.length === 0 && <p className="muted">No connections.</p>}
      <ul>
        {edges.map((e) => (
          <li key={e.id} className="row">
            <span>{e.source === node.id ? `→ ${nameOf(e.target)}` : `← ${nameOf(e.source)}`}</span>
            <span className="spacer" />
            {!readOnly && (
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                aria-label={`Remove connection ${e.source === node.id ? 'to' : 'from'} ${nameOf(e.source === node.id ? e.target : e.source)}`}
                onClick={() => store.getState().removeEdge(e.id)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && canSource && (
        <div className="field">
          <label htmlFor={`connect-${node.id}`}>Connect to</label>
          <select
            id={`connect-${node.id}`}
            value=""
            onChange={(e) => e.target.value && store.getState().onConnect({ source: node.id, target: e.target.value, sourceHandle: null, targetHandle: null })}
          >
            <option value="">{candidates.length ? 'Choose a node…' : 'No node it can connect to'}</option>
            {candidates.map(([id, name, type]) => (
              <option key={id} value={id}>
                {name} ({type})
              </option>
            ))}
          </select>
          <span className="field-hint">
            {capitalize(aKind(kind))} may connect to: {kindRegistry[kind].connectsTo.map((k) => kindRegistry[k].label).join(', ')}.
          </span>
        </div>
      )}
    </section>
  )
}

/** With nothing selected: the problems that keep the workflow from saving, each a way to its node. */
function GraphOverview() {
  const store = useCanvasStoreApi()
  const issues = useCanvasStore((s) => s.issues)
  const count = useCanvasStore((s) => s.nodes.length)
  const names = useCanvasStore((s) => Object.fromEntries(s.nodes.map((n) => [n.id, String(n.data.name ?? n.id)])))
  return (
    <div className="settings-body">
      <h2 className="panel-title">Workflow</h2>
      <p className="muted">
        {count} node{count === 1 ? '' : 's'}. Select a node to edit its settings.
      </p>
      {issues.length > 0 ? (
        <>
          <h3>
            {issues.length} problem{issues.length === 1 ? '' : 's'} to fix before saving
          </h3>
          <ul className="issue-list">
            {issues.slice(0, 50).map((issue, i) => (
              <li key={i}>
                {issue.nodeId ? (
                  <button type="button" className="link-button" onClick={() => store.getState().selectOnly(issue.nodeId!)}>
                    {names[issue.nodeId] ?? issue.nodeId}
                  </button>
                ) : (
                  <span>{issue.path.join('.')}</span>
                )}
                : {fieldPath(issue)}
                {issue.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        count > 0 && <p className="muted">No problems found.</p>
      )}
    </div>
  )
}

function fieldPath(issue: GraphIssue): string {
  const at = issue.path.indexOf('data')
  return at >= 0 && issue.path.length > at + 1 ? `${issue.path.slice(at + 1).join('.')} ` : ''
}

/** validateGraph paths are from the graph root (`nodes.3.data.image`); the form wants `image`. */
function issuesByField(issues: GraphIssue[] | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const issue of issues ?? []) {
    const at = issue.path.indexOf('data')
    const key = at >= 0 ? pathKey(issue.path.slice(at + 1)) : ''
    map.set(key, [...(map.get(key) ?? []), issue.message])
  }
  return map
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
