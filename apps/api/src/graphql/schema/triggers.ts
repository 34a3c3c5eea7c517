import {
  createTrigger,
  deleteTrigger,
  listTriggerFirings,
  listTriggers,
  updateTrigger,
  type CreatedTrigger,
  type Page,
  type PublicFiring,
  type PublicTrigger,
} from '../../services/index.ts'
import { builder } from '../builder.ts'
import { stripNulls } from './clusters.ts'
import { READ_ERRORS, WRITE_ERRORS } from './errors.ts'

const TriggerKindEnum = builder.enumType('TriggerKind', { values: ['schedule', 'webhook'] as const })

const TriggerRef = builder.objectRef<PublicTrigger>('WorkflowTrigger').implement({
  description: 'A schedule (cron + time zone) or a webhook that starts runs of a workflow. Webhook secrets are shown only when created.',
  fields: (t) => ({
    id: t.exposeID('id'),
    workflowId: t.exposeID('workflowId'),
    kind: t.field({ type: TriggerKindEnum, resolve: (r) => r.kind }),
    name: t.exposeString('name'),
    enabled: t.exposeBoolean('enabled'),
    cron: t.exposeString('cron', { nullable: true }),
    timezone: t.exposeString('timezone', { nullable: true }),
    nextFireAt: t.expose('nextFireAt', { type: 'DateTime', nullable: true, description: 'schedules that are enabled' }),
    tokenPrefix: t.exposeString('tokenPrefix', { nullable: true, description: 'first characters of the webhook URL token' }),
    createdById: t.exposeID('createdById', { nullable: true, description: 'runs are started on behalf of this user' }),
    lastFiredAt: t.expose('lastFiredAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

const FiringRef = builder.objectRef<PublicFiring>('TriggerFiring').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    triggerId: t.exposeID('triggerId'),
    at: t.expose('at', { type: 'DateTime' }),
    tick: t.expose('tick', { type: 'DateTime', nullable: true, description: 'the cron occurrence (schedules)' }),
    outcome: t.exposeString('outcome', { description: 'started | skipped | failed' }),
    runId: t.exposeID('runId', { nullable: true }),
    message: t.exposeString('message'),
  }),
})

const FiringPage = builder.objectRef<Page<PublicFiring>>('TriggerFiringPage').implement({
  fields: (t) => ({
    items: t.field({ type: [FiringRef], resolve: (p) => p.items }),
    total: t.exposeInt('total'),
    page: t.exposeInt('page'),
    limit: t.exposeInt('limit'),
  }),
})

const CreatedTriggerRef = builder.objectRef<CreatedTrigger>('CreatedTrigger').implement({
  fields: (t) => ({
    trigger: t.field({ type: TriggerRef, resolve: (c) => c.trigger }),
    secret: t.exposeString('secret', { nullable: true, description: 'webhooks: the HMAC-SHA256 key, shown this once' }),
    url: t.exposeString('url', { nullable: true, description: 'webhooks: where to POST, shown this once' }),
  }),
})

const TriggerInput = builder.inputType('TriggerInput', {
  fields: (t) => ({
    kind: t.field({ type: TriggerKindEnum, required: false, description: 'required when creating' }),
    name: t.string({ required: false }),
    cron: t.string({ required: false, description: '5 fields: minute hour day-of-month month day-of-week' }),
    timezone: t.string({ required: false, description: 'IANA name; default UTC' }),
    enabled: t.boolean({ required: false }),
  }),
})

builder.queryFields((t) => ({
  triggers: t.field({
    type: [TriggerRef],
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { workflowId: t.arg.id() },
    resolve: (_r, args, ctx) => listTriggers(ctx.deps, ctx.actor!, String(args.workflowId)),
  }),
  triggerFirings: t.field({
    type: FiringPage,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { workflowId: t.arg.id(), triggerId: t.arg.id(), page: t.arg.int({ required: false }), limit: t.arg.int({ required: false }) },
    resolve: (_r, { workflowId, triggerId, ...rest }, ctx) => listTriggerFirings(ctx.deps, ctx.actor!, String(workflowId), String(triggerId), stripNulls(rest)),
  }),
}))

builder.mutationFields((t) => ({
  createTrigger: t.field({
    type: CreatedTriggerRef,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { workflowId: t.arg.id(), input: t.arg({ type: TriggerInput }) },
    resolve: (_r, args, ctx) => createTrigger(ctx.deps, ctx.actor!, String(args.workflowId), stripNulls(args.input)),
  }),
  updateTrigger: t.field({
    type: TriggerRef,
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { workflowId: t.arg.id(), triggerId: t.arg.id(), input: t.arg({ type: TriggerInput }) },
    resolve: (_r, args, ctx) => {
      const { kind: _k, ...patch } = stripNulls(args.input)
      return updateTrigger(ctx.deps, ctx.actor!, String(args.workflowId), String(args.triggerId), patch)
    },
  }),
  deleteTrigger: t.field({
    type: 'Boolean',
    authScopes: { loggedIn: true },
    errors: { types: WRITE_ERRORS },
    args: { workflowId: t.arg.id(), triggerId: t.arg.id() },
    resolve: async (_r, args, ctx) => (await deleteTrigger(ctx.deps, ctx.actor!, String(args.workflowId), String(args.triggerId)), true),
  }),
}))
