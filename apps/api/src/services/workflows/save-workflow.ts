import { validateGraph } from '@kubeorch/domain'
import { ConflictError, RevisionConflictError, ValidationError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { openSecretValues, sealSecretValues, separateSecretValues } from '../secrets/secret-values.ts'
import { loadWorkflow } from './workflow-access.ts'
import { saveWorkflowInput } from './workflow-input.ts'
import { writeWorkflowGraph } from './write-workflow-graph.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'
import { withClientData, type ClientDataOf } from './client-data.ts'

export type SaveOptions = {
  /** Each node's client data, from the normalized graph (see client-data.ts); else what nodes were sent with. */
  clientData?: ClientDataOf
}

/**
 * Persists the canvas (nodes + edges, and the description when given) without creating a
 * version. The graph is validated and its linked fields recomputed from the edges; a save based
 * on an older revision is a conflict.
 */
export async function saveWorkflow(deps: Deps, actor: Actor, id: string, input: unknown, opts: SaveOptions = {}): Promise<PublicWorkflow> {
  const { nodes, edges, revision, description } = parseInput(saveWorkflowInput, input)
  const wf = await loadWorkflow(deps, actor, id, 'edit')
  if (wf.status === 'ARCHIVED') throw new ConflictError('an archived workflow cannot be edited; unarchive it first', 'ARCHIVED')
  const checked = validateGraph({ nodes, edges })
  if (!checked.ok) throw new ValidationError(checked.issues)
  const separated = separateSecretValues(checked.graph, openSecretValues(deps.sealer, wf.secretValues))
  const graph = withClientData(nodes, separated.graph, opts.clientData)
  const base = revision ?? wf.revision
  const sealed = sealSecretValues(deps.sealer, separated.values)
  const saved = await writeWorkflowGraph(deps.db, wf.id, base, graph, sealed, description)
  if (!saved) {
    const current = await deps.db.workflow.findUniqueOrThrow({ where: { id: wf.id }, select: { revision: true } })
    throw new RevisionConflictError(current.revision)
  }
  deps.events.publish({ type: 'workflow_updated', workflowId: wf.id, revision: saved.revision, status: saved.status })
  return toPublicWorkflow({ ...wf, ...saved, secretValues: sealed, nodes: graph.nodes, edges: graph.edges })
}
