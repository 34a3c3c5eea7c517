import type { Workflow, WorkflowRole } from '@kubeorch/db'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { isUuid } from '../ids.ts'

export type Need = 'view' | 'edit' | 'own'

const ALLOWED: Record<Need, WorkflowRole[]> = {
  view: ['OWNER', 'EDITOR', 'VIEWER'],
  edit: ['OWNER', 'EDITOR'],
  own: ['OWNER'],
}

/**
 * Loads a live (not soft-deleted) workflow the actor may access. A workflow the actor has no role
 * on is "not found", never "forbidden", so its existence does not leak.
 */
export async function loadWorkflow(deps: Deps, actor: Actor, id: string, need: Need): Promise<Workflow> {
  if (!isUuid(id)) throw new NotFoundError('workflow')
  const wf = await deps.db.workflow.findFirst({
    where: { id, deletedAt: null },
    include: { members: { where: { userId: actor.userId } } },
  })
  if (!wf) throw new NotFoundError('workflow')
  const role: WorkflowRole | undefined = wf.ownerId === actor.userId ? 'OWNER' : wf.members[0]?.role
  if (!role) throw new NotFoundError('workflow')
  if (!ALLOWED[need].includes(role)) throw new ForbiddenError(`your role on this workflow (${role.toLowerCase()}) does not allow this`)
  const { members: _m, ...workflow } = wf
  return workflow
}

/** Prisma filter for the workflows an actor can see. */
export const visibleTo = (actor: Actor) => ({
  deletedAt: null,
  OR: [{ ownerId: actor.userId }, { members: { some: { userId: actor.userId } } }],
})
