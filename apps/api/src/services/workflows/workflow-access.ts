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

/** A workflow row without its graph: what access checks and most services need. */
export type WorkflowRecord = Omit<Workflow, 'nodes' | 'edges'>

/**
 * Loads a live (not soft-deleted) workflow the actor may access, without its graph: a 1,000-node
 * graph costs milliseconds to read and decode, and most callers only need the row.
 */
export async function loadWorkflow(deps: Deps, actor: Actor, id: string, need: Need): Promise<WorkflowRecord> {
  if (!isUuid(id)) throw new NotFoundError('workflow')
  const wf = await deps.db.workflow.findFirst({
    where: { id, deletedAt: null },
    omit: { nodes: true, edges: true },
    include: { members: { where: { userId: actor.userId } } },
  })
  return withAccess(wf, actor, need)
}

/** `loadWorkflow` with the canvas graph (nodes and edges), for the callers that read it. */
export async function loadWorkflowWithGraph(deps: Deps, actor: Actor, id: string, need: Need): Promise<Workflow> {
  if (!isUuid(id)) throw new NotFoundError('workflow')
  const wf = await deps.db.workflow.findFirst({
    where: { id, deletedAt: null },
    include: { members: { where: { userId: actor.userId } } },
  })
  return withAccess(wf, actor, need)
}

/**
 * The row without its member list, if the actor's role allows `need`. A workflow the actor has no
 * role on is "not found", never "forbidden", so its existence does not leak.
 */
function withAccess<W extends { ownerId: string; members: { role: WorkflowRole }[] }>(
  wf: W | null,
  actor: Actor,
  need: Need,
): Omit<W, 'members'> {
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
