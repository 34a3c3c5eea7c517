'use client'

import { useState, type FormEvent } from 'react'
import { useMutation, useQuery } from 'urql'
import { CREATE_VERSION, VERSIONS } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Page, VersionSummary } from '../../lib/graphql/types'
import { useCanvasStore } from '../canvas/store/canvas-store-context'
import { FormError } from '../ui/form-error'
import { CompareDialog } from './compare-dialog'
import { RestoreDialog } from './restore-dialog'

const LIMIT = 10
const ctx = { additionalTypenames: ['WorkflowVersion'] }

/** Versions of the workflow: create one from the canvas, compare two, restore one. */
export function VersionsPanel({ workflowId, canRestore, onRestored }: { workflowId: string; canRestore: boolean; onRestored(): void }) {
  const [page, setPage] = useState(1)
  const [{ data, error, fetching }, refetch] = useQuery<{ versions: ApiResult<Page<VersionSummary>> }>({
    query: VERSIONS,
    variables: { workflowId, page, limit: LIMIT },
    context: ctx,
  })
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

        {list && !list.ok && <FormError error={list.error} />}
        <ol className="version-list" aria-busy={fetching}>
          {list?.ok &&
            list.data.items.map((v) => (
              <li key={v.id} className="version-item" data-testid={`version-${v.version}`}>
                <label className="version-pick">
                  <input type="checkbox" checked={picked.includes(v.version)} onChange={() => toggle(v.version)} aria-label={`Select version ${v.version} to compare`} />
                  <strong>v{v.version}</strong>
                </label>
                <div className="version-meta">
                  <div>
                    {v.name ?? <span className="muted">{v.automatic ? 'Automatic (run)' : 'Unnamed'}</span>}
                    {v.tag && <span className="badge version-tag">{v.tag}</span>}
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
          {list?.ok && list.data.items.length === 0 && <li className="muted">No versions yet. Create one to keep this design.</li>}
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
