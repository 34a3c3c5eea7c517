import {
  changeWorkflowStatus,
  cloneWorkflow,
  createWorkflow,
  deleteWorkflow,
  deployedVersion,
  getCluster,
  getWorkflow,
  listWorkflows,
  saveWorkflow,
  updateWorkflow,
  type PublicWorkflow,
} from '../../services/index.ts'
import { builder } from '../builder.ts'
import { pageType } from './page.ts'
import { ClusterRef, stripNulls } from './clusters.ts'
import { READ_ERRORS, WRITE_ERRORS } from './errors.ts'

export const WorkflowStatusEnum = builder.enumType('WorkflowStatus', { values: ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const })

export const WorkflowRef = builder.objectRef<PublicWorkflow>('Workflow').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    status: t.expose('status', { type: WorkflowStatusEnum }),
    clusterId: t.exposeID('clusterId'),
    cluster: t.field({ type: ClusterRef, resolve: (w, _a, ctx) => getCluster(ctx.deps, { userId: w.ownerId }, w.clusterId) }),
    nodes: t.expose('nodes', { type: 'JSON', description: 'Nodes of the graph; secret values are never included.' }),
    edges: t.expose('edges', { type: 'JSON' }),
    revision: t.exposeInt('revision', { description: 'Send it back with saveWorkflow; a stale one is a conflict.' }),
    currentVersion: t.exposeInt('currentVersion', { nullable: true }),
    deployedVersion: t.int({
      nullable: true,
      description: 'The version the latest completed run applied (null when never deployed, or archived).',
      resolve: (w, _a, ctx) => deployedVersion(ctx.deps, w),
    }),
    lastVersion: t.exposeInt('lastVersion'),
    runCount: t.exposeInt('runCount'),
    lastRunAt: t.expose('lastRunAt', { type: 'DateTime', nullable: true }),
    ownerId: t.exposeID('ownerId'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

const WorkflowPage = pageType('WorkflowPage', WorkflowRef)

builder.queryFields((t) => ({
  workflows: t.field({
    type: WorkflowPage,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: {
      page: t.arg.int({ required: false }),
      limit: t.arg.int({ required: false }),
      status: t.arg({ type: WorkflowStatusEnum, required: false }),
      search: t.arg.string({ required: false }),
    },
    resolve: (_r, args, ctx) =>
      listWorkflows(ctx.deps, ctx.actor!, { ...stripNulls(args), status: args.status?.toLowerCase() }),
  }),
  workflow: t.field({
    type: WorkflowRef,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { id: t.arg.id() },
    resolve: (_r, args, ctx) => getWorkflow(ctx.deps, ctx.actor!, String(args.id)),
  }),
}))

const write = { authScopes: { loggedIn: true }, errors: { types: WRITE_ERRORS } } as const

builder.mutationFields((t) => ({
  createWorkflow: t.field({
    ...write,
    type: WorkflowRef,
    args: { name: t.arg.string(), clusterId: t.arg.string({ description: 'id or name' }), description: t.arg.string({ required: false }) },
    resolve: (_r, args, ctx) => createWorkflow(ctx.deps, ctx.actor!, stripNulls(args)),
  }),
  updateWorkflow: t.field({
    ...write,
    type: WorkflowRef,
    args: {
      id: t.arg.id(),
      name: t.arg.string({ required: false }),
      description: t.arg.string({ required: false }),
      clusterId: t.arg.string({ required: false }),
      removeFromCurrentCluster: t.arg.boolean({
        required: false,
        description: 'Moving to another cluster while objects are deployed on the current one: delete them there first (else the move is refused).',
      }),
    },
    resolve: (_r, { id, ...rest }, ctx) => updateWorkflow(ctx.deps, ctx.actor!, String(id), stripNulls(rest)),
  }),
  deleteWorkflow: t.field({
    ...write,
    type: 'Boolean',
    args: { id: t.arg.id() },
    resolve: async (_r, args, ctx) => (await deleteWorkflow(ctx.deps, ctx.actor!, String(args.id)), true),
  }),
  cloneWorkflow: t.field({
    ...write,
    type: WorkflowRef,
    args: { id: t.arg.id(), name: t.arg.string() },
    resolve: (_r, args, ctx) => cloneWorkflow(ctx.deps, ctx.actor!, String(args.id), { name: args.name }),
  }),
  setWorkflowStatus: t.field({
    ...write,
    type: WorkflowRef,
    args: { id: t.arg.id(), status: t.arg({ type: WorkflowStatusEnum }) },
    resolve: (_r, args, ctx) => changeWorkflowStatus(ctx.deps, ctx.actor!, String(args.id), { status: args.status.toLowerCase() }),
  }),
  saveWorkflow: t.field({
    ...write,
    type: WorkflowRef,
    args: {
      id: t.arg.id(),
      nodes: t.arg({ type: 'JSON' }),
      edges: t.arg({ type: 'JSON' }),
      revision: t.arg.int({ required: false, description: 'The revision your copy is based on.' }),
    },
    resolve: (_r, { id, ...rest }, ctx) => saveWorkflow(ctx.deps, ctx.actor!, String(id), stripNulls(rest)),
  }),
}))
