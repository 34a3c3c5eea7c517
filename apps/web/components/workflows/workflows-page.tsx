'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useCallback, useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { DELETE_WORKFLOW, SET_WORKFLOW_STATUS, WORKFLOWS } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { Page, WorkflowStatus, WorkflowSummary } from '../../lib/graphql/types'
import { useDebouncedValue } from '../../lib/use-debounced-value'
import { FormError } from '../ui/form-error'
import { Modal } from '../ui/modal'
import { StatusBadge } from '../ui/status-badge'
import { ArchiveWorkflowDialog } from './archive-workflow-dialog'
import { CloneWorkflowDialog } from './clone-workflow-dialog'
import { DeployedObjectsList } from './deployed-objects-list'
import { CreateWorkflowDialog } from './create-workflow-dialog'

const LIMIT = 20
const ctx = { additionalTypenames: ['Workflow'] }

export function WorkflowsPage() {
  const router = useRouter()
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<WorkflowStatus | ''>('')
  const [page, setPage] = useState(1)
  const debouncedSearch = useDebouncedValue(search.trim(), 250)
  const [{ data, fetching, error: transportError }, refetch] = useQuery<{ workflows: ApiResult<Page<WorkflowSummary>> }>({
    query: WORKFLOWS,
    variables: { page, limit: LIMIT, status: status || null, search: debouncedSearch || null },
    context: ctx,
  })
  const result = data || transportError ? unwrap<Page<WorkflowSummary>>(data?.workflows, transportError) : null
  const list = result?.ok ? result.data : null

  const [creating, setCreating] = useState(false)
  const [cloning, setCloning] = useState<WorkflowSummary | null>(null)
  const [deleting, setDeleting] = useState<WorkflowSummary | null>(null)
  const [archiving, setArchiving] = useState<WorkflowSummary | null>(null)
  const [actionError, setActionError] = useState<ApiError | null>(null)
  const [, setWorkflowStatus] = useMutation<{ setWorkflowStatus: ApiResult<WorkflowSummary> }>(SET_WORKFLOW_STATUS)
  const [, deleteWorkflow] = useMutation<{ deleteWorkflow: ApiResult<boolean> }>(DELETE_WORKFLOW)

  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch])

  async function changeStatus(w: WorkflowSummary, to: WorkflowStatus) {
    setActionError(null)
    const r = await setWorkflowStatus({ id: w.id, status: to }, ctx)
    const res = unwrap(r.data?.setWorkflowStatus, r.error)
    if (!res.ok) setActionError(res.error)
    refresh()
  }

  async function confirmDelete() {
    if (!deleting) return
    const r = await deleteWorkflow({ id: deleting.id }, ctx)
    const res = unwrap(r.data?.deleteWorkflow, r.error)
    setDeleting(null)
    if (!res.ok) setActionError(res.error)
    refresh()
  }

  const pages = list ? Math.max(1, Math.ceil(list.total / LIMIT)) : 1

  return (
    <main className="page">
      <div className="row" style={{ marginBottom: '1rem' }}>
        <h1 style={{ margin: 0 }}>Workflows</h1>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          New workflow
        </button>
      </div>

      <div className="row" style={{ marginBottom: '0.75rem' }} role="search">
        <label htmlFor="wf-search" className="sr-only">
          Search workflows
        </label>
        <input
          id="wf-search"
          type="search"
          placeholder="Search by name or description"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value)
            setPage(1)
          }}
          style={{ flex: '1 1 280px' }}
        />
        <label htmlFor="wf-status">Status</label>
        <select
          id="wf-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as WorkflowStatus | '')
            setPage(1)
          }}
        >
          <option value="">All</option>
          <option value="DRAFT">Draft</option>
          <option value="PUBLISHED">Published</option>
          <option value="ARCHIVED">Archived</option>
        </select>
      </div>

      <FormError error={actionError} />
      {result && !result.ok && <FormError error={result.error} />}

      <table className="list" aria-busy={fetching}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Cluster</th>
            <th scope="col">Versions</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list?.items.map((w) => (
            <tr key={w.id} data-testid="workflow-row">
              <td>
                <Link href={`/workflows/${w.id}`}>{w.name}</Link>
                {w.description && <div className="muted" style={{ fontSize: '0.8rem' }}>{w.description}</div>}
              </td>
              <td>
                <StatusBadge status={w.status} />
              </td>
              <td>{w.cluster.name}</td>
              <td>{w.lastVersion}</td>
              <td>
                <time dateTime={w.updatedAt}>{new Date(w.updatedAt).toLocaleString()}</time>
              </td>
              <td>
                <div className="row" style={{ justifyContent: 'flex-end' }}>
                  <button type="button" className="btn btn-sm" onClick={() => setCloning(w)} aria-label={`Clone ${w.name}`}>
                    Clone
                  </button>
                  {w.status === 'ARCHIVED' ? (
                    <button type="button" className="btn btn-sm" onClick={() => changeStatus(w, 'DRAFT')} aria-label={`Unarchive ${w.name}`}>
                      Unarchive
                    </button>
                  ) : (
                    <button type="button" className="btn btn-sm" onClick={() => setArchiving(w)} aria-label={`Archive ${w.name}`}>
                      Archive
                    </button>
                  )}
                  <button type="button" className="btn btn-sm btn-danger" onClick={() => setDeleting(w)} aria-label={`Delete ${w.name}`}>
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
          {list && list.items.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                {debouncedSearch || status ? 'No workflow matches these filters.' : 'No workflows yet. Create your first one.'}
              </td>
            </tr>
          )}
          {!list && fetching && (
            <tr>
              <td colSpan={6} className="empty" role="status">
                Loading…
              </td>
            </tr>
          )}
        </tbody>
      </table>

      {list && pages > 1 && (
        <nav className="row" aria-label="Pages" style={{ marginTop: '0.75rem', justifyContent: 'flex-end' }}>
          <button type="button" className="btn btn-sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {page} of {pages} · {list.total} workflows
          </span>
          <button type="button" className="btn btn-sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      )}

      {creating && (
        <CreateWorkflowDialog onClose={() => setCreating(false)} onCreated={(w) => router.push(`/workflows/${w.id}`)} />
      )}
      {cloning && (
        <CloneWorkflowDialog
          workflow={cloning}
          onClose={() => setCloning(null)}
          onCloned={() => {
            setCloning(null)
            refresh()
          }}
        />
      )}
      {archiving && (
        <ArchiveWorkflowDialog
          workflow={archiving}
          onClose={() => setArchiving(null)}
          onArchived={() => {
            setArchiving(null)
            refresh()
          }}
        />
      )}
      {deleting && (
        <Modal
          title={`Delete “${deleting.name}”?`}
          onClose={() => setDeleting(null)}
          actions={
            <>
              <button type="button" className="btn" onClick={() => setDeleting(null)} autoFocus>
                Cancel
              </button>
              <button type="button" className="btn btn-danger" onClick={confirmDelete}>
                Delete workflow
              </button>
            </>
          }
        >
          <DeployedObjectsList workflowId={deleting.id} verb="deleted" />
          <p className="muted">The workflow disappears from your list; its history is kept.</p>
        </Modal>
      )}
    </main>
  )
}
