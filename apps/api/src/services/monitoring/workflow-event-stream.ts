import type { WorkflowEvent } from '../../events.ts'
import type { Actor, Deps } from '../context.ts'
import { workflowSnapshot } from './workflow-snapshot.ts'

/**
 * One live stream of a workflow (SPEC §9), shared by the GraphQL subscription and REST SSE:
 * authorizes, subscribes before reading the snapshot (so no change falls between them), yields
 * the `metadata` snapshot, then every event. Ends when the consumer stops or the signal aborts.
 */
export async function* workflowEventStream(deps: Deps, actor: Actor, workflowId: string, signal?: AbortSignal): AsyncGenerator<WorkflowEvent> {
  const events = deps.events.subscribe(workflowId, signal)
  try {
    const snapshot = await workflowSnapshot(deps, actor, workflowId)
    yield snapshot
    yield* events
  } finally {
    await events.return?.()
  }
}
