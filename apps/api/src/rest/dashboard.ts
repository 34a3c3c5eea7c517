import { dashboardStats, recentWorkflows } from '../services/index.ts'
import type { Route } from './router.ts'
import { workflowsToRest } from './workflow-answers.ts'

export const dashboardRoutes: Route[] = [
  {
    method: 'GET', path: '/dashboard/stats',
    summary: 'Your figures → { total_workflows, published_workflows, total_runs, success_rate }, each { value, change, trend: up|down|neutral } against the start of the month',
    handler: async ({ deps, actor }) => {
      const s = await dashboardStats(deps, actor)
      return { total_workflows: s.totalWorkflows, published_workflows: s.publishedWorkflows, total_runs: s.totalRuns, success_rate: s.successRate }
    },
  },
  {
    method: 'GET', path: '/dashboard/recent-workflows', summary: 'Your most recently changed workflows ?limit=5 (1..20) → { workflows } (without nodes and edges)',
    handler: async ({ deps, actor, query }) => {
      const workflows = await workflowsToRest(deps, await recentWorkflows(deps, actor, query))
      return { workflows: workflows.map(({ nodes: _n, edges: _e, ...w }) => w) }
    },
  },
]
