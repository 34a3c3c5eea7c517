import { validateGraph } from '@kubeorch/domain'
import { ConflictError, RevisionConflictError, ValidationError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { openSecretValues, sealSecretValues, separateSecretValues } from '../secrets/secret-values.ts'
import { loadWorkflow, type WorkflowRecord } from './workflow-access.ts'
import { saveWorkflowInput } from './workflow-input.ts'
import { writeWorkflowGraph } from './write-workflow-graph.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'
import { withClientData, type ClientDataOf } from './client-data.ts'

export type SaveOptions = {
  /** Each node's client data, from the normalized graph (see client-data.ts); else what nodes were sent with. */
  clientData?: ClientDataOf
}

/**
 * Each failed write means another save landed first, so a save without a revision gets through
 * once the saves racing it have; past this many (a flood of writers) it is a conflict after all.
 */
const MAX_WRITE_ATTEMPTS = 100

/**
 * Persists the canvas (nodes + edges, and the description when given) without creating a
 * version. The graph is validated and its linked fields recomputed from the edges. With
 * `revision`, a save based on an older revision is a conflict; without (legacy scripts), the last
 * writer wins: the write is applied to whatever is current, re-read when another save landed
 * between reading and writing.
 */
export async function saveWorkflow(deps: Deps, actor: Actor, id: string, input: unknown, opts: SaveOptions = {}): Promise<PublicWorkflow> {
  const { nodes, edges, revision, description } = parseInput(saveWorkflowInput, input)
  let wf: WorkflowRecord = await loadWorkflow(deps, actor, id, 'edit')
  refuseArchived(wf)
  const checked = validateGraph({ nodes, edges })
  if (!checked.ok) throw new ValidationError(checked.issues)
  for (let attempt = 1; ; attempt++) {
    // Secret values not sent again are kept from the stored ones, so they are merged per attempt.
    const separated = separateSecretValues(checked.graph, openSecretValues(deps.sealer, wf.secretValues))
    const graph = withClientData(nodes, separated.graph, opts.clientData)
    const sealed = sealSecretValues(deps.sealer, separated.values)
    const saved = await writeWorkflowGraph(deps.db, wf.id, revision ?? wf.revision, graph, sealed, description)
    if (saved) {
      deps.events.publish({ type: 'workflow_updated', workflowId: wf.id, revision: saved.revision, status: saved.status })
      return toPublicWorkflow({ ...wf, ...saved, secretValues: sealed, nodes: graph.nodes, edges: graph.edges })
    }
    if (revision !== undefined || attempt === MAX_WRITE_ATTEMPTS) {
      const current = await deps.db.workflow.findUniqueOrThrow({ where: { id: wf.id }, select: { revision: true } })
      throw new RevisionConflictError(current.revision)
    }
    wf = await loadWorkflow(deps, actor, id, 'edit')
    refuseArchived(wf)
  }
}

function refuseArchived(wf: WorkflowRecord) {
  if (wf.status === 'ARCHIVED') throw new ConflictError('an archived workflow cannot be edited; unarchive it first', 'ARCHIVED')
}
