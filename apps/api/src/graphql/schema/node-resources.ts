import { getNodeResources, type NodeContainer, type NodePod, type NodeResourceEvent, type NodeResourceObject, type NodeResources } from '../../services/monitoring/node-resources.ts'
import { builder } from '../builder.ts'
import { READ_ERRORS } from './errors.ts'

// The resource detail of one node (SPEC §15): rendered manifests beside the live objects, events, pods.

const ObjectRef = builder.objectRef<NodeResourceObject>('NodeResourceObject').implement({
  fields: (t) => ({
    apiVersion: t.exposeString('apiVersion'),
    kind: t.exposeString('kind'),
    name: t.exposeString('name'),
    namespace: t.exposeString('namespace', { nullable: true }),
    manifest: t.expose('manifest', { type: 'JSON', nullable: true, description: 'as rendered by the last run (secret values redacted)' }),
    live: t.expose('live', { type: 'JSON', nullable: true, description: 'as on the cluster now (Secret values removed); null when absent' }),
  }),
})

const EventRef = builder.objectRef<NodeResourceEvent>('NodeResourceEvent').implement({
  fields: (t) => ({
    type: t.exposeString('type'),
    reason: t.exposeString('reason'),
    message: t.exposeString('message'),
    object: t.exposeString('object', { description: 'Kind/name of the object the event is about' }),
    count: t.exposeInt('count'),
    lastSeen: t.exposeString('lastSeen', { nullable: true }),
  }),
})

const ContainerRef = builder.objectRef<NodeContainer>('NodeContainer').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    image: t.exposeString('image'),
    ready: t.exposeBoolean('ready'),
    restartCount: t.exposeInt('restartCount'),
    state: t.exposeString('state', { description: 'running | waiting | terminated | not created' }),
    reason: t.exposeString('reason', { nullable: true }),
    message: t.exposeString('message', { nullable: true }),
  }),
})

const PodRef = builder.objectRef<NodePod>('NodePod').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    phase: t.exposeString('phase'),
    nodeName: t.exposeString('nodeName', { nullable: true }),
    createdAt: t.exposeString('createdAt', { nullable: true }),
    containers: t.field({ type: [ContainerRef], resolve: (p) => p.containers }),
  }),
})

const HealthRef = builder.objectRef<NonNullable<NodeResources['health']>>('NodeHealth').implement({
  fields: (t) => ({
    state: t.exposeString('state', { description: 'healthy | partial | error | unknown' }),
    message: t.exposeString('message'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

const NodeResourcesRef = builder.objectRef<NodeResources>('NodeResources').implement({
  fields: (t) => ({
    workflowId: t.exposeID('workflowId'),
    nodeId: t.exposeString('nodeId'),
    version: t.exposeInt('version', { nullable: true, description: 'the last run\'s version; null when the workflow never ran' }),
    health: t.field({ type: HealthRef, nullable: true, resolve: (r) => r.health }),
    objects: t.field({ type: [ObjectRef], resolve: (r) => r.objects }),
    events: t.field({ type: [EventRef], resolve: (r) => r.events }),
    pods: t.field({ type: [PodRef], resolve: (r) => r.pods }),
    observedAt: t.expose('observedAt', { type: 'DateTime' }),
  }),
})

builder.queryFields((t) => ({
  nodeResources: t.field({
    type: NodeResourcesRef,
    authScopes: { loggedIn: true },
    errors: { types: READ_ERRORS },
    args: { workflowId: t.arg.id(), nodeId: t.arg.string() },
    resolve: (_r, a, ctx) => getNodeResources(ctx.deps, ctx.actor!, String(a.workflowId), a.nodeId),
  }),
}))
