'use client'

import { compareGraphs, type WorkflowGraph } from '@kubeorch/domain'
import { useMemo } from 'react'
import { useQuery } from 'urql'
import { COMPARE_VERSIONS, VERSION } from '../../lib/graphql/operations'
import { unwrap, type ApiResult } from '../../lib/graphql/result'
import type { GraphDiff, VersionDetail } from '../../lib/graphql/types'
import { FormError } from '../ui/form-error'
import { Modal } from '../ui/modal'
import { ChangeList, diffMarks } from './change-list'
import { DiffCanvas } from './diff-canvas'

type ManifestChange = { id: string; kind: string; name: string; diff: string }
type ManifestDiff = { added: ManifestChange[]; removed: ManifestChange[]; changed: ManifestChange[]; unchanged: number }
type Comparison = { v1: number; v2: number; graph: GraphDiff; manifests: ManifestDiff }

function useVersion(workflowId: string, version: number) {
  const [{ data, error }] = useQuery<{ version: ApiResult<VersionDetail> }>({ query: VERSION, variables: { workflowId, version } })
  return data || error ? unwrap<VersionDetail>(data?.version, error) : null
}

/** Two versions side by side, differences highlighted, then listed field by field. */
export function CompareDialog({ workflowId, v1, v2, onClose }: { workflowId: string; v1: number; v2: number; onClose(): void }) {
  const a = useVersion(workflowId, v1)
  const b = useVersion(workflowId, v2)
  const [{ data, error }] = useQuery<{ compareVersions: ApiResult<Comparison> }>({ query: COMPARE_VERSIONS, variables: { workflowId, v1, v2 } })
  const cmp = data || error ? unwrap<Comparison>(data?.compareVersions, error) : null
  // The server's comparison includes rendered manifests and fails when a version cannot render
  // (e.g. an ingress path without a service); the design diff is still worth showing, from the
  // same domain function the server uses.
  const graph = useMemo<GraphDiff | null>(() => {
    if (cmp?.ok) return cmp.data.graph
    if (cmp && a?.ok && b?.ok) return compareGraphs(a.data as unknown as WorkflowGraph, b.data as unknown as WorkflowGraph) as GraphDiff
    return null
  }, [cmp, a, b])
  const marks = useMemo(() => (graph ? diffMarks(graph) : null), [graph])
  const names = useMemo(() => {
    const map = new Map<string, string>()
    for (const v of [a, b]) if (v?.ok) for (const n of v.data.nodes) map.set(n.id, String(n.data.name ?? n.id))
    return map
  }, [a, b])
  const failed = [a, b].find((r) => r && !r.ok)

  return (
    <Modal
      title={`Compare version ${v1} → version ${v2}`}
      onClose={onClose}
      wide
      actions={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      {failed && !failed.ok && <FormError error={failed.error} />}
      {graph && (
        <p className="compare-summary" data-testid="compare-summary">
          {graph.nodes.added.length} node(s) added · {graph.nodes.removed.length} removed · {graph.nodes.modified.length} modified ·{' '}
          {graph.edges.added.length} edge(s) added · {graph.edges.removed.length} removed
        </p>
      )}
      <div className="compare-sides">
        {a?.ok && marks ? (
          <DiffCanvas label={`Version ${v1}${a.data.name ? ` · ${a.data.name}` : ''}`} nodes={a.data.nodes} edges={a.data.edges} marks={marks.before} edgeMarks={marks.edgesBefore} />
        ) : (
          <div className="diff-canvas muted">Loading…</div>
        )}
        {b?.ok && marks ? (
          <DiffCanvas label={`Version ${v2}${b.data.name ? ` · ${b.data.name}` : ''}`} nodes={b.data.nodes} edges={b.data.edges} marks={marks.after} edgeMarks={marks.edgesAfter} />
        ) : (
          <div className="diff-canvas muted">Loading…</div>
        )}
      </div>
      {graph && (
        <>
          <h3>Design changes</h3>
          <ChangeList diff={graph} nameOf={(id) => names.get(id) ?? id} />
        </>
      )}
      {cmp && !cmp.ok && <p className="field-hint">Manifest changes are not available: {cmp.error.message}</p>}
      {cmp?.ok && (
        <>
          <details className="form-group">
            <summary>
              Manifest changes ({cmp.data.manifests.changed.length} changed, {cmp.data.manifests.added.length} added,{' '}
              {cmp.data.manifests.removed.length} removed, {cmp.data.manifests.unchanged} unchanged)
            </summary>
            {[...cmp.data.manifests.added, ...cmp.data.manifests.removed, ...cmp.data.manifests.changed].map((m) => (
              <div key={m.id}>
                <p>
                  <code>{m.id}</code>
                </p>
                <pre className="unified-diff">
                  {m.diff.split('\n').map((line, i) => (
                    <span key={i} className={line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : undefined}>
                      {line}
                      {'\n'}
                    </span>
                  ))}
                </pre>
              </div>
            ))}
          </details>
        </>
      )}
    </Modal>
  )
}
