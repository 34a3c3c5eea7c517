import { randomUUID } from 'node:crypto'
import { Prisma } from '@kubeorch/db'
import type { Deps } from '../context.ts'
import type { RunObjectAction } from './public-run.ts'

// Log lines are published at once but written in batches: a 50-object run logs ~100 lines, and
// one INSERT each made the database, not the cluster, the slowest part of a deploy.
const FLUSH_AFTER_MS = 100
const FLUSH_AT_LINES = 200

/** Writes a run's log lines and per-node results, and publishes the lines live. */
export function createRunJournal(deps: Deps, workflowId: string, runId: string) {
  let pending: Prisma.RunLogCreateManyInput[] = []
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()

  const flush = (): Promise<void> => {
    clearTimeout(timer)
    timer = undefined
    const batch = pending
    pending = []
    // Chained, so batches land in the order their lines were logged.
    writing = writing.then(async () => {
      if (batch.length) await deps.db.runLog.createMany({ data: batch })
    })
    return writing
  }

  return {
    log(message: string, level: 'info' | 'warn' | 'error' = 'info'): Promise<void> {
      const at = new Date()
      pending.push({ runId, message, level, at })
      deps.events.publish({ type: 'run_log', workflowId, runId, at: at.toISOString(), level, message })
      if (pending.length >= FLUSH_AT_LINES) return flush()
      timer ??= setTimeout(() => void flush().catch(() => {}), FLUSH_AFTER_MS)
      return Promise.resolve()
    },
    /** Writes every line logged so far; call before the run's outcome is recorded. */
    flush,
    /**
     * Records the state of each node (the last entry of a node wins) in one statement: a 50-node
     * run wrote 50 upserts before it could say it waits for health.
     */
    async nodeStates(entries: { nodeId: string; state: string; message: string; objects?: RunObjectAction[] }[]) {
      if (entries.length === 0) return
      // One row per node: ON CONFLICT cannot update the same row twice in one statement.
      const rows = [...new Map(entries.map((e) => [e.nodeId, e])).values()].map(
        (e) => Prisma.sql`(${randomUUID()}::uuid, ${runId}::uuid, ${e.nodeId}, ${e.state}, ${e.message}, ${JSON.stringify(e.objects ?? [])}::jsonb)`,
      )
      await deps.db.$executeRaw`
        INSERT INTO "RunNodeState" ("id", "runId", "nodeId", "state", "message", "objects") VALUES ${Prisma.join(rows)}
        ON CONFLICT ("runId", "nodeId") DO UPDATE SET "state" = EXCLUDED."state", "message" = EXCLUDED."message", "objects" = EXCLUDED."objects"`
    },
  }
}
export type RunJournal = ReturnType<typeof createRunJournal>
