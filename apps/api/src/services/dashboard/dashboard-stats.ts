import type { Prisma } from '@kubeorch/db'
import type { Actor, Deps } from '../context.ts'
import { visibleTo } from '../workflows/workflow-access.ts'

export type Trend = 'up' | 'down' | 'neutral'
/** One figure as KubeOrch's dashboard shows it: the value (text), its change since last month and its direction. */
export type Stat = { value: string; change: number; trend: Trend }
export type DashboardStats = { totalWorkflows: Stat; publishedWorkflows: Stat; totalRuns: Stat; successRate: Stat }

const round1 = (n: number) => Math.round(n * 10) / 10
const trendOf = (change: number): Trend => (change > 0 ? 'up' : change < 0 ? 'down' : 'neutral')

/** A count and its change in percent since `previous` (none when there was nothing before). */
function countStat(now: number, previous: number | undefined): Stat {
  const change = previous ? round1(((now - previous) / previous) * 100) : 0
  return { value: String(now), change, trend: trendOf(change) }
}

/** A rate in percent and its change in percentage points. */
function rateStat(now: number, previous: number | undefined): Stat {
  const change = previous ? round1(now - previous) : 0
  return { value: `${now.toFixed(1)}%`, change, trend: trendOf(change) }
}

const rate = (completed: number, total: number) => (total > 0 ? round1((completed / total) * 100) : 0)

/**
 * The dashboard figures of what the actor can see (their own and shared workflows; KubeOrch
 * counts every user's, which would tell one user about the others). Each is compared with the
 * same figure at the start of the month, computed from timestamps: workflows created before it
 * (and not deleted by then), runs started before it. Status changes are not recorded over time,
 * so the published count has no change.
 */
export async function dashboardStats(deps: Deps, actor: Actor, now = new Date()): Promise<DashboardStats> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
  const visible = visibleTo(actor)
  const visibleThen: Prisma.WorkflowWhereInput = {
    OR: visible.OR,
    createdAt: { lt: monthStart },
    AND: [{ OR: [{ deletedAt: null }, { deletedAt: { gte: monthStart } }] }],
  }
  const runsOf: Prisma.WorkflowRunWhereInput = { workflow: visible }
  const before: Prisma.WorkflowRunWhereInput = { ...runsOf, startedAt: { lt: monthStart } }
  const [workflows, workflowsThen, published, runs, runsThen, completed, completedThen] = await deps.db.$transaction([
    deps.db.workflow.count({ where: visible }),
    deps.db.workflow.count({ where: visibleThen }),
    deps.db.workflow.count({ where: { ...visible, status: 'PUBLISHED' } }),
    deps.db.workflowRun.count({ where: runsOf }),
    deps.db.workflowRun.count({ where: before }),
    deps.db.workflowRun.count({ where: { ...runsOf, status: 'COMPLETED' } }),
    deps.db.workflowRun.count({ where: { ...before, status: 'COMPLETED' } }),
  ])
  return {
    totalWorkflows: countStat(workflows, workflowsThen),
    publishedWorkflows: countStat(published, undefined),
    totalRuns: countStat(runs, runsThen),
    successRate: rateStat(rate(completed, runs), runsThen ? rate(completedThen, runsThen) : undefined),
  }
}
