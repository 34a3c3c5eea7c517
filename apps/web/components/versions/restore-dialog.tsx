'use client'

import { compareGraphs, type WorkflowGraph } from '@kubeorch/domain'
import { useMemo, useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { RESTORE_VERSION, VERSION } from '../../lib/graphql/operations'
import { unwrap, type ApiError, type ApiResult } from '../../lib/graphql/result'
import type { VersionDetail, VersionSummary } from '../../lib/graphql/types'
import { useCanvasStoreApi } from '../canvas/store/canvas-store-context'
import { toDesign } from '../canvas/store/design'
import { FormError } from '../ui/form-error'
import { Modal } from '../ui/modal'
import { ChangeList } from './change-list'

/**
 * Restore version K, after showing what it changes on the current canvas (the domain's own
 * compareGraphs, current → K). The server makes K the canvas as a new version; nothing deploys.
 */
export function RestoreDialog(props: { workflowId: string; version: number; onClose(): void; onRestored(v: VersionSummary): void }) {
  const store = useCanvasStoreApi()
  const [{ data, error }] = useQuery<{ version: ApiResult<VersionDetail> }>({ query: VERSION, variables: { workflowId: props.workflowId, version: props.version } })
  const target = data || error ? unwrap<VersionDetail>(data?.version, error) : null
  const [{ fetching }, restore] = useMutation<{ restoreVersion: ApiResult<VersionSummary> }>(RESTORE_VERSION)
  const [failure, setFailure] = useState<ApiError | null>(null)
  const [current] = useState(() => {
    const s = store.getState()
    return { design: toDesign(s.nodes, s.edges), unsaved: s.change !== s.savedChange }
  })
  const diff = useMemo(
    () => (target?.ok ? compareGraphs(current.design as WorkflowGraph, { nodes: target.data.nodes, edges: target.data.edges } as WorkflowGraph) : null),
    [target, current],
  )
  const names = useMemo(() => {
    const map = new Map<string, string>()
    for (const n of current.design.nodes) map.set(n.id, String(n.data.name ?? n.id))
    if (target?.ok) for (const n of target.data.nodes) map.set(n.id, String(n.data.name ?? n.id))
    return map
  }, [current, target])

  async function onConfirm() {
    setFailure(null)
    const r = await restore({ workflowId: props.workflowId, version: props.version }, { additionalTypenames: ['WorkflowVersion', 'Workflow'] })
    const res = unwrap(r.data?.restoreVersion, r.error)
    if (res.ok) props.onRestored(res.data)
    else setFailure(res.error)
  }

  return (
    <Modal
      title={`Restore version ${props.version}?`}
      onClose={props.onClose}
      wide
      actions={
        <>
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={fetching || !target?.ok} onClick={onConfirm}>
            Restore version {props.version}
          </button>
        </>
      }
    >
      <p>
        The canvas becomes version {props.version}, saved as a new version “Restored from version {props.version}”. Nothing is deployed.
      </p>
      {current.unsaved && <p className="form-error">Your unsaved changes on the canvas will be replaced.</p>}
      <FormError error={failure ?? (target && !target.ok ? target.error : null)} />
      <h3>What changes on the canvas</h3>
      {diff ? <ChangeList diff={diff} nameOf={(id) => names.get(id) ?? id} /> : <p className="muted">Loading…</p>}
    </Modal>
  )
}
