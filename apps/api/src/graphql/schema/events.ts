import type { WorkflowEvent } from '../../events.ts'
import { workflowEventStream } from '../../services/index.ts'
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
    description:
      'Starts with the current state (a metadata event: status, revision, node states, active run), then every change: ' +
      'workflow_updated, version_created, run_started, node_update, run_log, run_completed.',
    subscribe: (_r, args, ctx) => workflowEventStream(ctx.deps, ctx.actor!, String(args.workflowId)),
    resolve: (event) => event,
  }),
}))
