'use client'

import { useMemo, useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { CREATE_VERSION, DEPLOYED_VERSION, VERSIONS } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Page, VersionOrigin, VersionSummary } from '../../lib/graphql/types'
import { useCanvasStore } from '../canvas/store/canvas-store-context'
import { FormError } from '../ui/form-error'
import { CompareDialog } from './compare-dialog'
import { RestoreDialog } from './restore-dialog'

const LIMIT = 10
const ctx = { additionalTypenames: ['WorkflowVersion'] }

type Filter = 'all' | 'tagged' | Lowercase<VersionOrigin>
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: 'All versions' },
  { value: 'tagged', label: 'Tagged' },
  { value: 'manual', label: 'Saved by hand' },
  { value: 'fix', label: 'Fixes' },
  { value: 'restore', label: 'Restores' },
  { value: 'run', label: 'Runs' },
]
const ORIGIN_LABEL: Record<VersionOrigin, string> = { MANUAL: 'manual', RUN: 'run', RESTORE: 'restore', FIX: 'fix' }

/** A version's name, or what made it when it has none. */
function titleOf(v: VersionSummary): string {
  if (v.name) return v.name
  if (v.origin === 'RUN') return 'Deployed by a run'
  if (v.origin === 'RESTORE') return `Restored from v${v.restoredFrom}`
  if (v.origin === 'FIX') return 'Diagnostics fix'
  return 'Unnamed'
}

/** Versions of the workflow: create one from the canvas, compare two, restore one. */
export function VersionsPanel({ workflowId, canRestore, onRestored }: { workflowId: string; canRestore: boolean; onRestored(): void }) {
  const [page, setPage] = useState(1)
  const [filter, setFilter] = useState<Filter>('all')
  const [{ data, error, fetching }, refetchList] = useQuery<{ versions: ApiResult<Page<VersionSummary>> }>({
    query: VERSIONS,
    variables: {
      workflowId,
      page,
      limit: LIMIT,
      tagged: filter === 'tagged' ? true : null,
      origin: filter !== 'all' && filter !== 'tagged' ? filter.toUpperCase() : null,
    },
    context: ctx,
  })
  // The version the cluster runs now: the one the latest completed run applied.
  const [{ data: deployedData }, refetchDeployed] = useQuery<{ workflow: ApiResult<{ deployedVersion: number | null }> }>({
    query: DEPLOYED_VERSION,
    variables: { id: workflowId },
    requestPolicy: 'network-only',
    context: useMemo(() => ({ additionalTypenames: ['WorkflowVersion', 'WorkflowRun'] }), []),
  })
  const deployedResult = deployedData ? unwrap(deployedData.workflow) : null
  const deployed = deployedResult?.ok ? deployedResult.data.deployedVersion : null
  const refetch = (opts: { requestPolicy: 'network-only' }) => {
    refetchList(opts)
    refetchDeployed(opts)
  }
  const list = data || error ? unwrap<Page<VersionSummary>>(data?.versions, error) : null
  const [picked, setPicked] = useState<number[]>([])
  const [comparing, setComparing] = useState<[number, number] | null>(null)
  const [restoring, setRestoring] = useState<number | null>(null)
  const saved = useCanvasStore((s) => s.save.state === 'saved' || s.readOnly)

  const toggle = (v: number) => setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p.slice(-1), v]))
  const pages = list?.ok ? Math.max(1, Math.ceil(list.data.total / LIMIT)) : 1
  const ordered = [...picked].sort((x, y) => x - y) as [number, number]

  return (
    <aside className="settings versions" aria-label="Versions">
      <div className="settings-body">
        <h2 className="panel-title">Versions</h2>
        <CreateVersionForm workflowId={workflowId} disabled={!saved} onCreated={() => refetch({ requestPolicy: 'network-only' })} />

        <div className="row versions-compare">
          <span className="muted">{picked.length}/2 selected</span>
          <span className="spacer" />
          <button type="button" className="btn btn-sm btn-primary" disabled={picked.length !== 2} onClick={() => setComparing(ordered)}>
            {picked.length === 2 ? `Compare v${ordered[0]} → v${ordered[1]}` : 'Compare'}
          </button>
        </div>

        <div className="field versions-filter">
          <label htmlFor="versions-filter">Show</label>
          <select
            id="versions-filter"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as Filter)
              setPage(1)
            }}
          >
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>

        {list && !list.ok && <FormError error={list.error} />}
        <ol className="version-list" aria-busy={fetching}>
          {list?.ok &&
            list.data.items.map((v) => (
              <li key={v.id} className={`version-item${deployed === v.version ? ' is-deployed' : ''}`} data-testid={`version-${v.version}`} data-origin={v.origin.toLowerCase()}>
                <label className="version-pick">
                  <input type="checkbox" checked={picked.includes(v.version)} onChange={() => toggle(v.version)} aria-label={`Select version ${v.version} to compare`} />
                  <strong>v{v.version}</strong>
                </label>
                <div className="version-meta">
                  <div>
                    {v.name ?? <span className="muted">{titleOf(v)}</span>}
                    {v.tag && <span className="badge version-tag">{v.tag}</span>}
                  </div>
                  <div className="version-badges">
                    <span className={`badge version-origin is-${v.origin.toLowerCase()}`}>{ORIGIN_LABEL[v.origin]}</span>
                    {deployed === v.version && <span className="badge version-deployed">deployed</span>}
                  </div>
                  {v.description && <div className="muted">{v.description}</div>}
                  <time className="muted" dateTime={v.createdAt}>
                    {new Date(v.createdAt).toLocaleString()}
                  </time>
                </div>
                {canRestore && (
                  <button type="button" className="btn btn-sm" onClick={() => setRestoring(v.version)} aria-label={`Restore version ${v.version}`}>
                    Restore…
                  </button>
                )}
              </li>
            ))}
          {list?.ok && list.data.items.length === 0 && (
            <li className="muted">{filter === 'all' ? 'No versions yet. Create one to keep this design.' : 'No version matches this filter.'}</li>
          )}
        </ol>
        {pages > 1 && (
          <nav className="row" aria-label="Version pages">
            <button type="button" className="btn btn-sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Newer
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button type="button" className="btn btn-sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              Older
            </button>
          </nav>
        )}
      </div>
      {comparing && <CompareDialog workflowId={workflowId} v1={comparing[0]} v2={comparing[1]} onClose={() => setComparing(null)} />}
      {restoring !== null && (
        <RestoreDialog
          workflowId={workflowId}
          version={restoring}
          onClose={() => setRestoring(null)}
          onRestored={() => {
            setRestoring(null)
            setPage(1)
            refetch({ requestPolicy: 'network-only' })
            onRestored()
          }}
        />
      )}
    </aside>
  )
}

function CreateVersionForm({ workflowId, disabled, onCreated }: { workflowId: string; disabled: boolean; onCreated(): void }) {
  const [{ fetching }, create] = useMutation<{ createVersion: ApiResult<VersionSummary> }>(CREATE_VERSION)
  const [error, setError] = useState<ApiError | null>(null)
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const formEl = e.currentTarget
    const form = new FormData(formEl)
    const field = (k: string) => String(form.get(k) ?? '').trim() || null
    setError(null)
    const r = await create({ workflowId, name: field('name'), tag: field('tag'), description: field('description') }, ctx)
    const res = unwrap(r.data?.createVersion, r.error)
    if (!res.ok) return setError(res.error)
    formEl.reset()
    onCreated()
  }
  return (
    <details className="form-group" open>
      <summary>New version from the canvas</summary>
      <form onSubmit={onSubmit} aria-label="New version">
        <FormError error={error} />
        <div className="field">
          <label htmlFor="version-name">Name</label>
          <input id="version-name" name="name" maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="version-tag">Tag</label>
          <input id="version-tag" name="tag" maxLength={100} placeholder="e.g. v1.2.0" />
        </div>
        <div className="field">
          <label htmlFor="version-description">Description</label>
          <textarea id="version-description" name="description" rows={2} />
        </div>
        <button type="submit" className="btn btn-primary btn-sm" disabled={disabled || fetching} title={disabled ? 'Wait until the canvas is saved' : undefined}>
          Create version
        </button>
        {disabled && <span className="field-hint"> Waiting for the canvas to be saved.</span>}
      </form>
    </details>
  )
}
