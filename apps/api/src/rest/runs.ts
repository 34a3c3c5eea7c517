import { cancelRun, getRun, listRuns, startRun, workflowEventStream } from '../services/index.ts'
import { pageToRest, runToRest } from './mappers.ts'
import type { Route } from './router.ts'
import { sseResponse } from './sse.ts'

export const runRoutes: Route[] = [
  {
    method: 'POST', path: '/workflows/:id/run', summary: 'Start a run { trigger_data? } → 202 { run_id, status }', status: 202, scope: 'run',
    handler: async ({ deps, actor, params, body }) => {
      const b = (body ?? {}) as { trigger_data?: unknown }
      const r = await startRun(deps, actor, params.id!, { triggerData: b.trigger_data })
      return { run_id: r.runId, status: r.status.toLowerCase(), version: r.version }
    },
  },
  {
    method: 'GET', path: '/workflows/:id/runs', summary: 'List runs ?page&limit → { runs, total, page, limit }, newest first',
    handler: async ({ deps, actor, params, query }) => pageToRest('runs', await listRuns(deps, actor, params.id!, query), runToRest),
  },
  {
    method: 'GET', path: '/workflows/:id/runs/:runId', summary: 'A run with node states and log',
    handler: async ({ deps, actor, params }) => runToRest(await getRun(deps, actor, params.id!, params.runId!)),
  },
  {
    method: 'POST', path: '/workflows/:id/runs/:runId/cancel', summary: 'Cancel a running run (stops between steps)', scope: 'run',
    handler: async ({ deps, actor, params }) => runToRest(await cancelRun(deps, actor, params.id!, params.runId!)),
  },
  {
    method: 'GET', path: '/workflows/:id/status/stream', summary: 'SSE: metadata, then run_started, node_update, run_log, run_completed…',
    handler: async ({ deps, actor, params, request }) => {
      const stream = workflowEventStream(deps, actor, params.id!, request.signal)
      // Pull the snapshot first so "not found" is a 404, not an empty stream.
      const first = await stream.next()
      return sseResponse(first.done ? [] : [first.value], stream, request.signal)
    },
  },
]
