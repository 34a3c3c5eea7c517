import type { Prisma } from '@kubeorch/db'
import { invalidField } from '../../errors.ts'
import { findOwnCluster } from '../clusters/find-cluster.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadWorkflowWithGraph } from './workflow-access.ts'
import { cloneWorkflowInput } from './workflow-input.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'

/** A new draft with the same graph, secret values and cluster; history is not copied. */
export async function cloneWorkflow(deps: Deps, actor: Actor, id: string, input: unknown): Promise<PublicWorkflow> {
  const { name } = parseInput(cloneWorkflowInput, input)
  const source = await loadWorkflowWithGraph(deps, actor, id, 'view')
  // The clone belongs to the actor, so it may only target one of the actor's clusters.
  const cluster = await findOwnCluster(deps, actor, source.clusterId)
  if (!cluster) throw invalidField(['clusterId'], 'the source targets a cluster that is not yours; clone into one of your clusters')
  const clone = await deps.db.workflow.create({
    data: {
      name,
      description: source.description,
      ownerId: actor.userId,
      clusterId: cluster.id,
      nodes: source.nodes as Prisma.InputJsonValue,
      edges: source.edges as Prisma.InputJsonValue,
      secretValues: source.secretValues,
    },
  })
  return toPublicWorkflow(clone)
}
