import { invalidField } from '../../errors.ts'
import { findOwnCluster } from '../clusters/find-cluster.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { createWorkflowInput } from './workflow-input.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'

export async function createWorkflow(deps: Deps, actor: Actor, input: unknown): Promise<PublicWorkflow> {
  const { name, clusterId, description } = parseInput(createWorkflowInput, input)
  // A workflow may only target its owner's cluster; another user's cluster is "unknown" too.
  const cluster = await findOwnCluster(deps, actor, clusterId)
  if (!cluster) throw invalidField(['clusterId'], `no cluster with id or name "${clusterId}"`)
  const wf = await deps.db.workflow.create({
    data: { name, description: description ?? '', ownerId: actor.userId, clusterId: cluster.id },
  })
  return toPublicWorkflow(wf)
}
