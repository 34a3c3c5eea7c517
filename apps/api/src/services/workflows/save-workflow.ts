import { validateGraph } from '@kubeorch/domain'
import type { Prisma } from '@kubeorch/db'
import { ConflictError, RevisionConflictError, ValidationError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { openSecretValues, sealSecretValues, separateSecretValues } from '../secrets/secret-values.ts'
import { loadWorkflow } from './workflow-access.ts'
import { saveWorkflowInput } from './workflow-input.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'

/**
 * Persists the canvas (nodes + edges) without creating a version. The graph is validated and its
 * linked fields recomputed from the edges; a save based on an older revision is a conflict.
 */
export async function saveWorkflow(deps: Deps, actor: Actor, id: string, input: unknown): Promise<PublicWorkflow> {
  const { nodes, edges, revision } = parseInput(saveWorkflowInput, input)
  const wf = await loadWorkflow(deps, actor, id, 'edit')
  if (wf.status === 'ARCHIVED') throw new ConflictError('an archived workflow cannot be edited; unarchive it first', 'ARCHIVED')
  const checked = validateGraph({ nodes, edges })
  if (!checked.ok) throw new ValidationError(checked.issues)
  const { graph, values } = separateSecretValues(checked.graph, openSecretValues(deps.sealer, wf.secretValues))
  const base = revision ?? wf.revision
  const [saved] = await deps.db.workflow.updateManyAndReturn({
    where: { id: wf.id, revision: base, deletedAt: null },
    data: {
      nodes: graph.nodes as Prisma.InputJsonValue,
      edges: graph.edges as Prisma.InputJsonValue,
      secretValues: sealSecretValues(deps.sealer, values),
      revision: { increment: 1 },
    },
    // The graph just written is `graph`: reading it back would decode it all again.
    omit: { nodes: true, edges: true },
  })
  if (!saved) {
    const current = await deps.db.workflow.findUniqueOrThrow({ where: { id: wf.id }, select: { revision: true } })
    throw new RevisionConflictError(current.revision)
  }
  deps.events.publish({ type: 'workflow_updated', workflowId: wf.id, revision: saved.revision, status: saved.status })
  return toPublicWorkflow({ ...saved, nodes: graph.nodes, edges: graph.edges })
}
