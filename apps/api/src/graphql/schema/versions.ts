import {
  compareVersions,
  createVersion,
  getVersion,
  listVersions,
  restoreVersion,
  updateVersion,
  type PublicVersion,
} from '../../services/index.ts'
import { builder } from '../builder.ts'
import { pageType } from './page.ts'
import { stripNulls } from './clusters.ts'
import { READ_ERRORS, WRITE_ERRORS } from './errors.ts'

export const VersionOriginEnum = builder.enumType('VersionOrigin', {
  description: 'What made a version: a person (MANUAL), a run (RUN), restoring another (RESTORE), a diagnostics fix (FIX).',
  values: ['MANUAL', 'RUN', 'RESTORE', 'FIX'] as const,
})

export const VersionRef = builder.objectRef<PublicVersion>('WorkflowVersion').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    workflowId: t.exposeID('workflowId'),
    version: t.exposeInt('version'),
    name: t.exposeString('name', { nullable: true }),
    tag: t.exposeString('tag', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    nodes: t.expose('nodes', { type: 'JSON' }),
    edges: t.expose('edges', { type: 'JSON' }),
    manifests: t.expose('manifests', { type: 'JSON', nullable: true }),
    automatic: t.exposeBoolean('automatic'),
    origin: t.expose('origin', { type: VersionOriginEnum }),
    restoredFrom: t.exposeInt('restoredFrom', { nullable: true }),
    createdById: t.exposeID('createdById', { nullable: true }),
    runId: t.exposeID('runId', { nullable: true }),
    runStatus: t.exposeString('runStatus', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

const VersionPage = pageType('VersionPage', VersionRef)

type Comparison = Awaited<ReturnType<typeof compareVersions>>
const VersionComparison = builder.objectRef<Comparison>('VersionComparison').implement({
  fields: (t) => ({
    v1: t.exposeInt('v1'),
    v2: t.exposeInt('v2'),
    graph: t.expose('graph', { type: 'JSON', description: 'Added, removed and modified nodes and edges with field changes.' }),
    manifests: t.expose('manifests', { type: 'JSON', description: 'Per-object manifest changes with unified diffs.' }),
  }),
})

builder.queryFields((t) => ({
  versions: t.field({
    type: VersionPage,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: {
      workflowId: t.arg.id(),
      page: t.arg.int({ required: false }),
      limit: t.arg.int({ required: false }),
      tagged: t.arg.boolean({ required: false, description: 'only versions with a tag' }),
      origin: t.arg({ type: VersionOriginEnum, required: false }),
    },
    resolve: (_r, { workflowId, origin, ...rest }, ctx) =>
      listVersions(ctx.deps, ctx.actor!, String(workflowId), { ...stripNulls(rest), origin: origin?.toLowerCase() }),
  }),
  version: t.field({
    type: VersionRef,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { workflowId: t.arg.id(), version: t.arg.int() },
    resolve: (_r, args, ctx) => getVersion(ctx.deps, ctx.actor!, String(args.workflowId), args.version),
  }),
  compareVersions: t.field({
    type: VersionComparison,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { workflowId: t.arg.id(), v1: t.arg.int(), v2: t.arg.int(), includePosition: t.arg.boolean({ required: false }) },
    resolve: (_r, { workflowId, ...rest }, ctx) => compareVersions(ctx.deps, ctx.actor!, String(workflowId), stripNulls(rest)),
  }),
}))

const write = { authScopes: { loggedIn: true }, errors: { types: WRITE_ERRORS } } as const

builder.mutationFields((t) => ({
  createVersion: t.field({
    ...write,
    type: VersionRef,
    args: {
      workflowId: t.arg.id(),
      name: t.arg.string({ required: false }),
      tag: t.arg.string({ required: false }),
      description: t.arg.string({ required: false }),
    },
    resolve: (_r, { workflowId, ...rest }, ctx) => createVersion(ctx.deps, ctx.actor!, String(workflowId), stripNulls(rest)),
  }),
  updateVersion: t.field({
    ...write,
    type: VersionRef,
    args: {
      workflowId: t.arg.id(),
      version: t.arg.int(),
      name: t.arg.string({ required: false }),
      tag: t.arg.string({ required: false }),
      description: t.arg.string({ required: false }),
    },
    resolve: (_r, { workflowId, version, ...rest }, ctx) =>
      updateVersion(ctx.deps, ctx.actor!, String(workflowId), version, stripNulls(rest)),
  }),
  restoreVersion: t.field({
    ...write,
    type: VersionRef,
    args: { workflowId: t.arg.id(), version: t.arg.int() },
    resolve: (_r, args, ctx) => restoreVersion(ctx.deps, ctx.actor!, String(args.workflowId), args.version),
  }),
}))
