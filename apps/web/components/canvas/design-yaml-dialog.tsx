'use client'

import { formatIssuePath, manifestsToYaml, renderManifests, ValidationError, type GraphIssue, type WorkflowGraph } from '@kubeorch/domain'
import { useMemo, useState } from 'react'
import { Modal } from '../ui/modal'
import { useCanvasStoreApi } from './store/canvas-store-context'
import { toDesign } from './store/design'

type Rendered = { ok: true; yaml: string; count: number } | { ok: false; issues: GraphIssue[] }

/**
 * The manifests the design on the canvas renders to, before any run: the domain's own
 * renderManifests (what a run applies), secret values shown as placeholders.
 */
export function DesignYamlDialog({ workflowId, name, onClose }: { workflowId: string; name: string; onClose(): void }) {
  const store = useCanvasStoreApi()
  const [design] = useState(() => {
    const s = store.getState()
    return { graph: toDesign(s.nodes, s.edges) as WorkflowGraph, names: new Map(s.nodes.map((n) => [n.id, String(n.data.name ?? n.id)])) }
  })
  const rendered = useMemo<Rendered>(() => {
    try {
      const manifests = renderManifests(design.graph, { workflowId })
      return { ok: true, yaml: manifestsToYaml(manifests), count: manifests.length }
    } catch (e) {
      if (e instanceof ValidationError) return { ok: false, issues: e.issues as GraphIssue[] }
      throw e
    }
  }, [design, workflowId])
  const [copied, setCopied] = useState(false)

  function download() {
    if (!rendered.ok) return
    const url = URL.createObjectURL(new Blob([rendered.yaml], { type: 'application/yaml' }))
    const a = document.createElement('a')
    a.href = url
    a.download = `${name}.yaml`
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return (
    <Modal
      title="Design YAML"
      onClose={onClose}
      wide
      actions={
        <>
          {rendered.ok && (
            <>
              <button
                type="button"
                className="btn"
                onClick={() => void navigator.clipboard?.writeText(rendered.yaml).then(() => setCopied(true), () => setCopied(false))}
              >
                {copied ? 'Copied' : 'Copy'}
              </button>
              <button type="button" className="btn btn-primary" onClick={download}>
                Download {name}.yaml
              </button>
            </>
          )}
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {rendered.ok ? (
        <>
          <p className="muted">
            {rendered.count} object{rendered.count === 1 ? '' : 's'}, as a run would apply the design on the canvas now (namespaces are created
            if missing). Secret values are not shown.
          </p>
          <pre className="design-yaml" data-testid="design-yaml">
            {rendered.yaml}
          </pre>
        </>
      ) : (
        <div className="form-error" role="alert">
          Not deployable yet; fix these first:
          <ul>
            {rendered.issues.slice(0, 20).map((issue, i) => (
              <li key={i}>
                {issue.nodeId ? `${design.names.get(issue.nodeId) ?? issue.nodeId}: ` : ''}
                {formatIssuePath(issue.path.slice(issue.path.indexOf('data') + 1 || 0))} {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Modal>
  )
}
