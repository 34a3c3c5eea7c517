import type { Prisma } from '@kubeorch/db'
import type { Actor, Deps } from '../context.ts'
import type { Page } from '../pagination.ts'
import { parseInput } from '../parse-input.ts'
import { visibleTo } from './workflow-access.ts'
import { listWorkflowsInput } from './workflow-input.ts'
import { toPublicWorkflow, type PublicWorkflow } from './public-workflow.ts'

/** The actor's workflows, newest change first; `search` matches the name, case-insensitively. */
export async function listWorkflows(deps: Deps, actor: Actor, input: unknown): Promise<Page<PublicWorkflow>> {
  const { page, limit, status, search } = parseInput(listWorkflowsInput, input)
  const where: Prisma.WorkflowWhereInput = {
    ...visibleTo(actor),
    ...(status ? { status: status.toUpperCase() as 'DRAFT' } : {}),
    ...(search ? { name: { contains: search, mode: 'insensitive' } } : {}),
  }
  const [rows, total] = await deps.db.$transaction([
    deps.db.workflow.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], skip: (page - 1) * limit, take: limit }),
    deps.db.workflow.count({ where }),
  ])
  return { items: rows.map(toPublicWorkflow), total, page, limit }
}
