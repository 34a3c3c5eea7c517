import { ConflictError } from '../../errors.ts'
import { cancelRun, getRun, listDeployedObjects, listRuns, requires, startRun, type DeployedObjects, type PublicRun } from '../../services/index.ts'
import { builder } from '../builder.ts'
import { pageType } from './page.ts'
import { stripNulls } from './clusters.ts'
import { READ_ERRORS, WRITE_ERRORS } from './errors.ts'

type NodeState = PublicRun['nodeStates'][number]
const RunNodeStateRef = builder.objectRef<NodeState>('RunNodeState').implement({
  fields: (t) => ({
    nodeId: t.exposeString('nodeId'),
    state: t.exposeString('state'),
    message: t.exposeString('message'),
    objects: t.expose('objects', { type: 'JSON', description: '[{ apiVersion, kind, namespace, name, action: created|configured|unchanged|pruned|failed }]' }),
  }),
})
const RunLogRef = builder.objectRef<PublicRun['logs'][number]>('RunLogLine').implement({
  fields: (t) => ({ at: t.expose('at', { type: 'DateTime' }), level: t.exposeString('level'), message: t.exposeString('message') }),
})

export const RunRef = builder.objectRef<PublicRun>('WorkflowRun').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    workflowId: t.exposeID('workflowId'),
    status: t.string({ resolve: (r) => r.status.toLowerCase() }),
    version: t.exposeInt('version', { nullable: true }),
    triggeredBy: t.string({ resolve: (r) => r.triggeredBy.toLowerCase() }),
    triggeredByUserId: t.exposeID('triggeredByUserId', { nullable: true }),
    triggerId: t.exposeID('triggerId', { nullable: true, description: 'the schedule or webhook trigger that started the run' }),
    triggerData: t.expose('triggerData', { type: 'JSON', nullable: true }),
    error: t.exposeString('error', { nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    duration: t.exposeInt('durationMs', { nullable: true, description: 'milliseconds' }),
    nodeStates: t.field({ type: [RunNodeStateRef], resolve: (r) => r.nodeStates }),
    logs: t.field({ type: [RunLogRef], resolve: (r) => r.logs }),
  }),
})

const RunPage = pageType('RunPage', RunRef)

const DeployedObjectRef = builder.objectRef<DeployedObjects['objects'][number]>('DeployedObject').implement({
  fields: (t) => ({
    apiVersion: t.exposeString('apiVersion'),
    kind: t.exposeString('kind'),
    namespace: t.exposeString('namespace', { nullable: true }),
    name: t.exposeString('name'),
  }),
})
const DeployedObjectsRef = builder.objectRef<DeployedObjects>('DeployedObjects').implement({
  description: 'What the cluster holds of a workflow now: what archiving or deleting it removes.',
  fields: (t) => ({ clusterName: t.exposeString('clusterName'), objects: t.field({ type: [DeployedObjectRef], resolve: (d) => d.objects }) }),
})

const StartedRun = builder.objectRef<{ runId: string; status: string; version: number }>('StartedRun').implement({
  fields: (t) => ({ runId: t.exposeID('runId'), status: t.string({ resolve: (r) => r.status.toLowerCase() }), version: t.exposeInt('version') }),
})

builder.queryFields((t) => ({
  runs: t.field({
    type: RunPage,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { workflowId: t.arg.id(), page: t.arg.int({ required: false }), limit: t.arg.int({ required: false }) },
    resolve: (_r, { workflowId, ...rest }, ctx) => listRuns(ctx.deps, ctx.actor!, String(workflowId), stripNulls(rest)),
  }),
  deployedObjects: t.field({
    type: DeployedObjectsRef,
    authScopes: { loggedIn: true },
    errors: { types: [...READ_ERRORS, ConflictError] },
    args: { workflowId: t.arg.id() },
    resolve: (_r, args, ctx) => listDeployedObjects(ctx.deps, ctx.actor!, String(args.workflowId)),
  }),
  run: t.field({
    type: RunRef,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { workflowId: t.arg.id(), runId: t.arg.id() },
    resolve: (_r, args, ctx) => getRun(ctx.deps, ctx.actor!, String(args.workflowId), String(args.runId)),
  }),
}))

builder.mutationFields((t) => ({
  runWorkflow: t.field({
    type: StartedRun,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    description: 'Starts a run and returns at once; follow it with workflowEvents or run(…).',
    extensions: requires('run'),
    args: { workflowId: t.arg.id(), triggerData: t.arg({ type: 'JSON', required: false }) },
    resolve: (_r, args, ctx) => startRun(ctx.deps, ctx.actor!, String(args.workflowId), { triggerData: args.triggerData ?? undefined }),
  }),
  cancelRun: t.field({
    type: RunRef,
    authScopes: { loggedIn: true },
    extensions: requires('run'),
    errors: { types: WRITE_ERRORS },
    args: { workflowId: t.arg.id(), runId: t.arg.id() },
    resolve: (_r, args, ctx) => cancelRun(ctx.deps, ctx.actor!, String(args.workflowId), String(args.runId)),
  }),
}))
