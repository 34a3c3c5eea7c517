import { createCluster, deleteCluster, getCluster, listClusters, updateCluster, type PublicCluster } from '../../services/index.ts'
import { builder } from '../builder.ts'
import { READ_ERRORS, WRITE_ERRORS } from './errors.ts'

export const ClusterStatusEnum = builder.enumType('ClusterStatus', { values: ['UNKNOWN', 'CONNECTED', 'UNREACHABLE'] as const })

export const ClusterRef = builder.objectRef<PublicCluster>('Cluster').implement({
  description: 'A target Kubernetes cluster. Its credentials are never exposed.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    server: t.exposeString('server', { nullable: true }),
    status: t.expose('status', { type: ClusterStatusEnum }),
    statusMessage: t.exposeString('statusMessage', { nullable: true }),
    hasCredentials: t.exposeBoolean('hasCredentials'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

const ClusterInput = builder.inputType('ClusterInput', {
  fields: (t) => ({ name: t.string({ required: false }), description: t.string({ required: false }) }),
})

builder.queryFields((t) => ({
  clusters: t.field({ type: [ClusterRef], authScopes: { loggedIn: true }, resolve: (_r, _a, ctx) => listClusters(ctx.deps, ctx.actor!) }),
  cluster: t.field({
    type: ClusterRef,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { id: t.arg.string({ description: 'id or name' }) },
    resolve: (_r, args, ctx) => getCluster(ctx.deps, ctx.actor!, args.id),
  }),
}))

builder.mutationFields((t) => ({
  createCluster: t.field({
    type: ClusterRef,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { input: t.arg({ type: ClusterInput }) },
    resolve: (_r, args, ctx) => createCluster(ctx.deps, ctx.actor!, stripNulls(args.input)),
  }),
  updateCluster: t.field({
    type: ClusterRef,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { id: t.arg.string(), input: t.arg({ type: ClusterInput }) },
    resolve: (_r, args, ctx) => updateCluster(ctx.deps, ctx.actor!, args.id, stripNulls(args.input)),
  }),
  deleteCluster: t.field({
    type: 'Boolean',
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { id: t.arg.string() },
    resolve: async (_r, args, ctx) => (await deleteCluster(ctx.deps, ctx.actor!, args.id), true),
  }),
}))

/** GraphQL sends omitted optional input fields as null; services treat "absent" as undefined. */
export function stripNulls<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as never
}
