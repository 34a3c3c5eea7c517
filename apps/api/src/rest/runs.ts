import { cancelRun, getRun, getWorkflow, listRuns, startRun, workflowEventStream, workflowFacts, type Actor, type Deps } from '../services/index.ts'
import type { WorkflowEvent } from '../events.ts'
import { invalidField } from '../errors.ts'
import type { NodeState } from './kubeorch/node-status.ts'
import { pageToRest, runToRest, workflowToRest } from './mappers.ts'
import type { Route } from './router.ts'
import { eventToRest, sseFrame, sseResponse } from './sse.ts'

type Metadata = Extract<WorkflowEvent, { type: 'metadata' }>

/**
 * KubeOrch's canvas sends the values of its Secret and env editors with the run. Here values are
 * write-only parts of the design (a secret node's entries, a workload's env), sealed with the
 * canvas; a run never carries them, so they never sit in a run's record.
 */
function refuseRuntimeValues(triggerData: unknown): void {
  if (!triggerData || typeof triggerData !== 'object') return
  for (const field of ['secrets', 'envVars']) {
    const given = (triggerData as Record<string, unknown>)[field]
    const values = given && typeof given === 'object' ? Object.values(given).filter((v) => v && typeof v === 'object' && Object.keys(v).length > 0) : []
    if (values.length > 0)
      throw invalidField(
        ['trigger_data', field],
        field === 'secrets'
          ? 'secret values are saved with the canvas (the secret node\'s keys[].value / entries[].value, sealed), not sent with a run'
          : 'environment values are saved with the canvas (the workload\'s env), not sent with a run',
      )
  }
}

/**
 * The stream's first event: ours (workflow_id, status, revision, active_run_id, node states) and
 * KubeOrch's (the workflow itself, each node with its last status in `data._status`) in one.
 * Each entry of `nodes` is a node state (node_id, state, message, details) and, for a node of
 * the canvas, that node as GET /workflows/:id shows it.
 */
async function metadataToRest(deps: Deps, actor: Actor, m: Metadata) {
  const states = new Map<string, NodeState>(m.nodes.map((n) => [n.nodeId, n]))
  const wf = await getWorkflow(deps, actor, m.workflowId)
  const facts = await workflowFacts(deps, [wf])
  const workflow = workflowToRest(wf, facts.get(wf.id)!, states)
  const canvas = new Map(workflow.nodes.map((n) => [n.id, n]))
  return {
    ...workflow,
    workflow_id: m.workflowId,
    status: m.status.toLowerCase(),
    revision: m.revision,
    active_run_id: m.activeRunId,
    nodes: m.nodes.map((s) => ({ ...canvas.get(s.nodeId), node_id: s.nodeId, state: s.state, message: s.message, details: s.details })),
  }
}

export const runRoutes: Route[] = [
  {
    method: 'POST', path: '/workflows/:id/run', summary: 'Start a run { trigger_data? } → 202 { run_id, status, version, message, logs }', status: 202, scope: 'run',
    handler: async ({ deps, actor, params, body }) => {
      const b = (body ?? {}) as { trigger_data?: unknown }
      refuseRuntimeValues(b.trigger_data)
      const r = await startRun(deps, actor, params.id!, { triggerData: b.trigger_data })
      // The run goes on in the background (SPEC §7): its log is GET …/runs/:runId and the stream.
      return { run_id: r.runId, status: r.status.toLowerCase(), version: r.version, message: 'Workflow execution started', logs: [] }
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
    method: 'GET', path: '/workflows/:id/status/stream',
    summary: 'SSE: metadata (the workflow, node states, each node\'s data._status), then run_started, node_update (with KubeOrch\'s data.status), run_log, run_completed…',
    handler: async ({ deps, actor, params, request }) => {
      const stream = workflowEventStream(deps, actor, params.id!, request.signal)
      // Pull the snapshot first so "not found" is a 404, not an empty stream.
      const first = await stream.next()
      if (first.done) return sseResponse([], stream, request.signal)
      try {
        const metadata = first.value.type === 'metadata' ? await metadataToRest(deps, actor, first.value) : eventToRest(first.value)
        return sseResponse([sseFrame(first.value.type, metadata)], stream, request.signal)
      } catch (e) {
        await stream.return()
        throw e
      }
    },
  },
]
