import type { Prisma } from '@kubeorch/db'
import type { Deps } from '../context.ts'
import type { RunObjectAction } from './public-run.ts'

/** Writes a run's log lines and per-node results, and publishes them live. */
export function createRunJournal(deps: Deps, workflowId: string, runId: string) {
  return {
    async log(message: string, level: 'info' | 'warn' | 'error' = 'info') {
      const row = await deps.db.runLog.create({ data: { runId, message, level } })
      deps.events.publish({ type: 'run_log', workflowId, runId, at: row.at.toISOString(), level, message })
    },
    async nodeState(nodeId: string, state: string, message: string, objects?: RunObjectAction[]) {
      await deps.db.runNodeState.upsert({
        where: { runId_nodeId: { runId, nodeId } },
        create: { runId, nodeId, state, message, objects: (objects ?? []) as Prisma.InputJsonValue },
        update: { state, message, ...(objects ? { objects: objects as Prisma.InputJsonValue } : {}) },
      })
    },
  }
}
export type RunJournal = ReturnType<typeof createRunJournal>
