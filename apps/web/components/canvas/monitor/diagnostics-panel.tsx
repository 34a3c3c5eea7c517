'use client'

import { useState } from 'react'
import { useClient, useMutation, useQuery } from 'urql'
import { APPLY_NODE_FIX, NODE_DIAGNOSTICS, NODE_FIX_PREVIEW } from '../../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../../lib/graphql/result'
import type { AppliedFix, Finding, FixPreview, NodeDiagnostics } from '../../../lib/graphql/types'
import { FormError } from '../../ui/form-error'
import { ChangeList } from '../../versions/change-list'
import { useCanvasStore, useCanvasStoreApi } from '../store/canvas-store-context'

/**
 * A node's findings (SPEC §10): severity, message, evidence, and a suggested fix as a change to the
 * design, previewed as a diff and applied by saving (optionally running). Never arbitrary YAML.
 */
export function DiagnosticsPanel({ workflowId, nodeId, onApplied }: { workflowId: string; nodeId: string; onApplied(): void }) {
  const [{ data, error, fetching }, recheck] = useQuery<{ nodeDiagnostics: ApiResult<NodeDiagnostics> }>({
    query: NODE_DIAGNOSTICS,
    variables: { workflowId, nodeId },
    requestPolicy: 'network-only',
  })
  const result = data || error ? unwrap(data?.nodeDiagnostics, error) : null

  return (
    <section className="monitor-panel diagnostics" aria-label="Diagnostics">
      <div className="row monitor-controls">
        <span className="small muted" role="status">
          {fetching ? 'Checking the cluster…' : result?.ok ? `Observed ${new Date(result.data.observedAt).toLocaleTimeString()} · ${result.data.findings.length} finding(s)` : ''}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={() => recheck({ requestPolicy: 'network-only' })} disabled={fetching}>
          Check again
        </button>
      </div>
      {result && !result.ok && <FormError error={result.error} />}
      {result?.ok && result.data.findings.length === 0 && <p className="muted">No problems found for this node.</p>}
      {result?.ok && (
        <ul className="finding-list">
          {result.data.findings.map((f) => (
            <FindingItem key={f.id} finding={f} workflowId={workflowId} nodeId={nodeId} onApplied={onApplied} />
          ))}
        </ul>
      )}
    </section>
  )
}

function FindingItem({ finding, workflowId, nodeId, onApplied }: { finding: Finding; workflowId: string; nodeId: string; onApplied(): void }) {
  const client = useClient()
  const store = useCanvasStoreApi()
  const nodes = useCanvasStore((s) => s.nodes)
  const unsaved = useCanvasStore((s) => s.save.state !== 'saved')
  const [preview, setPreview] = useState<FixPreview | null>(null)
  const [problem, setProblem] = useState<ApiError | null>(null)
  const [applied, setApplied] = useState<AppliedFix | null>(null)
  const [{ fetching: applying }, applyFix] = useMutation<{ applyNodeFix: ApiResult<AppliedFix> }>(APPLY_NODE_FIX)
  const fix = finding.fix

  async function showPreview() {
    if (!fix) return
    setProblem(null)
    const r = await client.query<{ nodeFixPreview: ApiResult<FixPreview> }>(NODE_FIX_PREVIEW, { workflowId, nodeId, fixId: fix.id }, { requestPolicy: 'network-only' }).toPromise()
    const res = unwrap(r.data?.nodeFixPreview, r.error)
    if (res.ok) setPreview(res.data)
    else setProblem(res.error)
  }

  async function apply(run: boolean) {
    if (!fix || !preview) return
    setProblem(null)
    // The preview's revision: if the canvas changed since, the server refuses rather than guess.
    const r = await applyFix({ workflowId, nodeId, fixId: fix.id, run, revision: preview.revision }, { additionalTypenames: ['Workflow', 'WorkflowRun'] })
    const res = unwrap(r.data?.applyNodeFix, r.error)
    if (!res.ok) return setProblem(res.error)
    setApplied(res.data)
    if (res.data.runId && res.data.runVersion !== null) store.getState().followStartedRun(res.data.runId, res.data.runVersion)
    onApplied()
  }

  return (
    <li className={`finding is-${finding.severity}`} data-testid={`finding-${finding.type}`}>
      <p className="finding-message">
        <span className={`severity is-${finding.severity}`}>{finding.severity}</span> {finding.message}
      </p>
      {finding.evidence.length > 0 && (
        <details>
          <summary>Evidence ({finding.evidence.length})</summary>
          <ul className="evidence">
            {finding.evidence.map((e, i) => (
              <li key={i}>
                <span className="muted">{e.kind}</span> <code>{e.text}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {fix && (
        <div className="fix">
          <p>
            <strong>Suggested fix:</strong> {fix.title}
            <span className="muted"> — {fix.description}</span>
          </p>
          {!preview && (
            <button type="button" className="btn btn-sm" onClick={() => void showPreview()}>
              Preview fix
            </button>
          )}
          {preview && !applied && (
            <div className="fix-preview" aria-label="Fix preview">
              <ChangeList
                diff={preview.diff}
                // A node the fix adds is not on the canvas yet: its name comes from the diff.
                nameOf={(id) => String(nodes.find((n) => n.id === id)?.data.name ?? preview.diff.nodes.added.find((n) => n.id === id)?.name ?? id)}
              />
              <div className="row">
                <button type="button" className="btn btn-sm btn-primary" disabled={applying || unsaved} onClick={() => void apply(false)} title={unsaved ? 'Wait for the canvas to save first' : undefined}>
                  Apply fix
                </button>
                <button type="button" className="btn btn-sm btn-run" disabled={applying || unsaved} onClick={() => void apply(true)}>
                  Apply and run
                </button>
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => setPreview(null)}>
                  Dismiss
                </button>
              </div>
            </div>
          )}
          {applied && (
            <p className="fix-applied" role="status">
              Fix saved as revision {applied.workflow.revision}
              {applied.runId ? '; a run started.' : '. Run the workflow to deploy it.'}
            </p>
          )}
        </div>
      )}
      {problem && <FormError error={problem} />}
    </li>
  )
}
