import { isWorkloadKind, type K8sObject, type RenderedManifest } from '@kubeorch/domain'
import { ConflictError, NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { listNodePods, loadNodeTarget, type NodeTarget } from '../logs/node-target.ts'
import { loadWorkflowWithGraph } from '../workflows/workflow-access.ts'

export type NodeResourceObject = {
  apiVersion: string
  kind: string
  name: string
  namespace: string | null
  /** As rendered by the last run (its version's stored manifests: secret values already redacted). */
  manifest: K8sObject | null
  /** As the cluster has it now (Secret values removed, managedFields dropped); null when absent. */
  live: K8sObject | null
}
export type NodeResourceEvent = {
  type: string
  reason: string
  message: string
  object: string
  count: number
  lastSeen: string | null
}
export type NodeContainer = { name: string; image: string; ready: boolean; restartCount: number; state: string; reason: string | null; message: string | null }
export type NodePod = { name: string; phase: string; nodeName: string | null; createdAt: string | null; containers: NodeContainer[] }
export type NodeResources = {
  workflowId: string
  nodeId: string
  /** The version of the last run, whose graph and manifests are shown; null when never run. */
  version: number | null
  health: { state: string; message: string; updatedAt: Date } | null
  objects: NodeResourceObject[]
  events: NodeResourceEvent[]
  pods: NodePod[]
  observedAt: Date
}

const REPLICA_SET = { apiVersion: 'apps/v1', kind: 'ReplicaSet' } as const
const EVENT = { apiVersion: 'v1', kind: 'Event' } as const

/**
 * What one node of a deployed workflow is on its cluster (SPEC §15, resource detail): the
 * manifests its last run rendered beside the live objects, the events about them (and about its
 * replica sets and pods), and its pods with their containers. Read access is enough.
 */
export async function getNodeResources(deps: Deps, actor: Actor, workflowId: string, nodeId: string): Promise<NodeResources> {
  const workflow = await loadWorkflowWithGraph(deps, actor, workflowId, 'view')
  const run = await deps.db.workflowRun.findFirst({ where: { workflowId: workflow.id }, orderBy: { startedAt: 'desc' }, select: { version: true } })
  const status = await deps.db.nodeStatus.findUnique({ where: { workflowId_nodeId: { workflowId: workflow.id, nodeId } } })
  const health = status ? { state: status.state, message: status.message, updatedAt: status.updatedAt } : null
  const observedAt = new Date()
  // Never run: nothing on the cluster to show, and no credentials need opening.
  if (!run?.version) {
    const node = (workflow.nodes as { id: string }[]).find((n) => n.id === nodeId)
    if (!node) throw new NotFoundError(`node ${nodeId}`)
    return { workflowId: workflow.id, nodeId, version: null, health, objects: [], events: [], pods: [], observedAt }
  }
  const target = await loadNodeTarget(deps, actor, workflow.id, nodeId, 'view')
  const version = await deps.db.workflowVersion.findUnique({
    where: { workflowId_version: { workflowId: workflow.id, version: run.version } },
    select: { manifests: true },
  })
  const manifests = ((version?.manifests ?? []) as unknown as RenderedManifest[]).filter((m) => m.nodeId === nodeId)
  try {
    const objects = await Promise.all(
      manifests.map(async (m) => {
        const live = await target.reader.read({ apiVersion: m.apiVersion, kind: m.kind }, m.name, m.namespace)
        return { apiVersion: m.apiVersion, kind: m.kind, name: m.name, namespace: m.namespace ?? null, manifest: m.object, live: live ? cleanLive(live) : null }
      }),
    )
    const workload = isWorkloadKind(target.node.type)
    const [pods, replicaSets] = workload
      ? await Promise.all([listNodePods(target), target.reader.list(REPLICA_SET, { namespace: target.namespace, labelSelector: target.podSelector })])
      : [[], []]
    const events = await nodeEvents(
      target,
      [...objects.flatMap((o) => (o.live ? [o.live] : [])), ...replicaSets, ...pods],
      replicaSets.map((rs) => `${rs.metadata.name}-`),
    )
    return { workflowId: workflow.id, nodeId, version: run.version, health, objects, events, pods: pods.map(toPod), observedAt }
  } catch (err) {
    throw new ConflictError(`cannot read the cluster: ${(err as Error).message}`, 'CLUSTER_UNREACHABLE')
  }
}

/**
 * Events whose involved object is one of `about` (by uid), or a pod since gone whose name starts
 * with one of `podPrefixes` (its replica set's name: why an earlier pod failed stays visible), newest first.
 */
async function nodeEvents(target: NodeTarget, about: K8sObject[], podPrefixes: string[]): Promise<NodeResourceEvent[]> {
  const uids = new Set(about.map((o) => (o.metadata as { uid?: string }).uid).filter(Boolean))
  const namespaces = [...new Set(about.map((o) => o.metadata.namespace ?? target.namespace))]
  const all = (await Promise.all(namespaces.map((namespace) => target.reader.list(EVENT, { namespace })))).flat()
  type Ev = { type?: string; reason?: string; message?: string; count?: number; lastTimestamp?: string; eventTime?: string; involvedObject?: { uid?: string; kind?: string; name?: string }; metadata: { creationTimestamp?: string } }
  return (all as unknown as Ev[])
    .filter((e) => uids.has(e.involvedObject?.uid ?? '') || (e.involvedObject?.kind === 'Pod' && podPrefixes.some((p) => e.involvedObject?.name?.startsWith(p))))
    .map((e) => ({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      count: e.count ?? 1,
      lastSeen: e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? null,
    }))
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
}

/** managedFields are noise here; a Secret keeps its keys, never its values. */
function cleanLive(object: K8sObject): K8sObject {
  const metadata = { ...object.metadata } as K8sObject['metadata'] & { managedFields?: unknown; annotations?: Record<string, string> }
  delete metadata.managedFields
  if (object.kind !== 'Secret') return { ...object, metadata }
  // kubectl's last-applied annotation would carry the values again.
  if (metadata.annotations) {
    const { 'kubectl.kubernetes.io/last-applied-configuration': _values, ...rest } = metadata.annotations
    metadata.annotations = rest
  }
  const { data, stringData, ...rest } = object as K8sObject & { data?: Record<string, string>; stringData?: Record<string, string> }
  const blank = (v?: Record<string, string>) => (v ? Object.fromEntries(Object.keys(v).map((k) => [k, ''])) : undefined)
  return { ...rest, metadata, ...(data ? { data: blank(data) } : {}), ...(stringData ? { stringData: blank(stringData) } : {}) } as K8sObject
}

type ContainerStatus = {
  name: string
  image?: string
  ready?: boolean
  restartCount?: number
  state?: Record<string, { reason?: string; message?: string } | undefined>
}

function toPod(pod: K8sObject): NodePod {
  const spec = pod.spec as { nodeName?: string; containers?: { name: string; image?: string }[] } | undefined
  const status = pod.status as { phase?: string; containerStatuses?: ContainerStatus[] } | undefined
  const statuses = new Map((status?.containerStatuses ?? []).map((s) => [s.name, s]))
  return {
    name: pod.metadata.name,
    phase: status?.phase ?? 'Unknown',
    nodeName: spec?.nodeName ?? null,
    createdAt: (pod.metadata as { creationTimestamp?: string }).creationTimestamp ?? null,
    containers: (spec?.containers ?? []).map((c) => {
      const s = statuses.get(c.name)
      const [state, detail] = Object.entries(s?.state ?? {}).find(([, v]) => v) ?? ['waiting', undefined]
      return {
        name: c.name,
        image: c.image ?? s?.image ?? '',
        ready: s?.ready ?? false,
        restartCount: s?.restartCount ?? 0,
        // Not started yet (e.g. unschedulable): no status at all.
        state: s ? state : 'not created',
        reason: detail?.reason ?? null,
        message: detail?.message ?? null,
      }
    }),
  }
}
