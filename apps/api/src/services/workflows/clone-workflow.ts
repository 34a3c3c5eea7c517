import type { Prisma } from '@kubeorch/db'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadWorkflow } from './workflow-access.ts'
import { cloneWorkflowInput } from './workflow-input.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'

/** A new draft with the same graph, secret values and cluster; history is not copied. */
export async function cloneWorkflow(deps: Deps, actor: Actor, id: string, input: unknown): Promise<PublicWorkflow> {
  const { name } = parseInput(cloneWorkflowInput, input)
  const source = await loadWorkflow(deps, actor, id, 'view')
  const clone = await deps.db.workflow.create({
    data: {
      name,
      description: source.description,
      ownerId: actor.userId,
      // A shared user cloning someone else's workflow cannot target the owner's cluster.
      clusterId: source.clusterId,
      nodes: source.nodes as Prisma.InputJsonValue,
      edges: source.edges as Prisma.InputJsonValue,
      secretValues: source.secretValues,
    },
  })
  return toPublicWorkflow(clone)
}
