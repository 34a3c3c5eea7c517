import { z } from 'zod'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { listWorkflows } from '../workflows/list-workflows.ts'
import type { PublicWorkflow } from '../workflows/public-workflow.ts'

export const recentWorkflowsInput = z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) })

/** The actor's most recently changed workflows (KubeOrch's dashboard list). */
export async function recentWorkflows(deps: Deps, actor: Actor, input: unknown): Promise<PublicWorkflow[]> {
  const { limit } = parseInput(recentWorkflowsInput, input)
  return (await listWorkflows(deps, actor, { page: 1, limit })).items
}
