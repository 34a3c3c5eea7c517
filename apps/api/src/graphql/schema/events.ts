import type { WorkflowEvent } from '../../events.ts'
import { getWorkflow } from '../../services/index.ts'
import { builder } from '../builder.ts'

const WorkflowEventRef = builder.objectRef<WorkflowEvent>('WorkflowEvent').implement({
  description: 'A live event of one workflow; `payload` carries the event-specific fields.',
  fields: (t) => ({
    type: t.exposeString('type'),
    workflowId: t.exposeID('workflowId'),
    payload: t.field({ type: 'JSON', resolve: ({ type: _t, workflowId: _w, ...rest }) => rest }),
  }),
})

builder.subscriptionFields((t) => ({
  workflowEvents: t.field({
    type: WorkflowEventRef,
    authScopes: { loggedIn: true },
    args: { workflowId: t.arg.id() },
    description: 'Starts with the current state (a workflow_updated event), then every change.',
    subscribe: async function* (_r, args, ctx) {
      // Authorize before subscribing: another user's workflow is "not found".
      const wf = await getWorkflow(ctx.deps, ctx.actor!, String(args.workflowId))
      const events = ctx.deps.events.subscribe(wf.id)
      try {
        yield { type: 'workflow_updated', workflowId: wf.id, revision: wf.revision, status: wf.status } satisfies WorkflowEvent
        yield* events
      } finally {
        await events.return?.()
      }
    },
    resolve: (event) => event,
  }),
}))
