import {
  createCluster,
  deleteCluster,
  getCluster,
  kubeconfigContexts,
  listClusters,
  testCluster,
  updateCluster,
  type PublicCluster,
} from '../../services/index.ts'
import { builder } from '../builder.ts'
import { READ_ERRORS, WRITE_ERRORS } from './errors.ts'

export const ClusterStatusEnum = builder.enumType('ClusterStatus', {
  description: 'UNUSABLE: the stored credentials are refused by the current checks (statusMessage says why); nothing uses them until new ones are registered.',
  values: ['UNKNOWN', 'CONNECTED', 'UNREACHABLE', 'UNUSABLE'] as const,
})

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
    sandbox: t.exposeBoolean('sandbox', { description: 'The local sandbox (npm run sandbox): fake nodes that never pull images.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

const ConnectionInput = builder.inputType('ClusterConnectionInput', {
  description: 'Either kubeconfig (+ context) or server + token (+ caData). Never returned by any API.',
  fields: (t) => ({
    kubeconfig: t.string({ required: false }),
    context: t.string({ required: false }),
    server: t.string({ required: false }),
    token: t.string({ required: false }),
    caData: t.string({ required: false }),
    insecureSkipTlsVerify: t.boolean({ required: false }),
  }),
})

const ClusterInput = builder.inputType('ClusterInput', {
  fields: (t) => ({
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    connection: t.field({ type: ConnectionInput, required: false }),
  }),
})

const KubeconfigContext = builder.objectRef<{ name: string; cluster: string; server: string; current: boolean; problem: string | null }>('KubeconfigContext').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    cluster: t.exposeString('cluster'),
    server: t.exposeString('server'),
    current: t.exposeBoolean('current', { description: "Whether it is the kubeconfig's current-context (what kubectl would use)." }),
    problem: t.exposeString('problem', { nullable: true, description: 'Why registering with this context would be refused (naming the field), if it would.' }),
  }),
})

const clusterInput = (input: { connection?: object | null } & object) => ({
  ...stripNulls(input),
  ...(input.connection ? { connection: stripNulls(input.connection) } : {}),
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
  kubeconfigContexts: t.field({
    type: [KubeconfigContext],
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { kubeconfig: t.arg.string() },
    resolve: (_r, args) => kubeconfigContexts(args),
  }),
}))

builder.mutationFields((t) => ({
  createCluster: t.field({
    type: ClusterRef,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { input: t.arg({ type: ClusterInput }) },
    resolve: (_r, args, ctx) => createCluster(ctx.deps, ctx.actor!, clusterInput(args.input)),
  }),
  updateCluster: t.field({
    type: ClusterRef,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { id: t.arg.string(), input: t.arg({ type: ClusterInput }) },
    resolve: (_r, args, ctx) => updateCluster(ctx.deps, ctx.actor!, args.id, clusterInput(args.input)),
  }),
  testCluster: t.field({
    type: ClusterRef,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { id: t.arg.string() },
    resolve: (_r, args, ctx) => testCluster(ctx.deps, ctx.actor!, args.id),
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
