import type { Deps } from '../context.ts'

/**
 * The version the cluster runs: the one the latest completed run applied. Nothing while the
 * workflow is archived (archiving removed its objects). The caller has checked access.
 */
export async function deployedVersion(deps: Deps, workflow: { id: string; status: string }): Promise<number | null> {
  if (workflow.status === 'ARCHIVED') return null
  const run = await deps.db.workflowRun.findFirst({
    where: { workflowId: workflow.id, status: 'COMPLETED' },
    orderBy: { startedAt: 'desc' },
    select: { version: true },
  })
  return run?.version ?? null
}
