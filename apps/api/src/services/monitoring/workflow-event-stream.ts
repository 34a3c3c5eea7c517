import type { WorkflowEvent } from '../../events.ts'
import type { Actor, Deps } from '../context.ts'
import { workflowSnapshot } from './workflow-snapshot.ts'

export type WorkflowEvents = AsyncIterableIterator<WorkflowEvent> & { return(value?: unknown): Promise<IteratorResult<WorkflowEvent>> }

/**
 * One live stream of a workflow (SPEC §9), shared by the GraphQL subscription and REST SSE:
 * authorizes, subscribes before reading the snapshot (so no change falls between them), yields
 * the `metadata` snapshot, then every event. Ends when the consumer stops or the signal aborts.
 *
 * An iterator written out rather than an async generator: a generator's return() waits for the
 * pending next() to settle, so a client that left a quiet workflow kept its bus subscription
 * until the workflow's next event (forever, for one that no longer changes). Here return()
 * ends the subscription at once, which also ends a pending next().
 */
export function workflowEventStream(deps: Deps, actor: Actor, workflowId: string, signal?: AbortSignal): WorkflowEvents {
  const events = deps.events.subscribe(workflowId, signal)
  let snapshotSent = false
  const stream: WorkflowEvents = {
    async next() {
      if (snapshotSent) return events.next()
      snapshotSent = true
      try {
        return { value: await workflowSnapshot(deps, actor, workflowId), done: false }
      } catch (e) {
        await events.return?.()
        throw e
      }
    },
    async return() {
      await events.return?.()
      return { value: undefined, done: true }
    },
    [Symbol.asyncIterator]() {
      return stream
    },
  }
  return stream
}
