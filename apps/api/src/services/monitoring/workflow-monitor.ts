import { MANAGED_TYPES, RELATED_TYPES, deepEqual, nodeHealth, workflowSelector, type K8sObject, type NodeHealth, type NodeKind, type WorkflowGraph } from '@kubeorch/domain'
import { watchResources, type ResourceWatcher } from '@kubeorch/kube'
import type { Prisma } from '@kubeorch/db'
import type { Deps } from '../context.ts'
import { kubeForCluster } from '../runs/cluster-access.ts'
import { groupObservations } from './group-observations.ts'
import { observedFigures } from './observed-figures.ts'

export type HealthListener = (nodeId: string, health: NodeHealth) => void

export interface WorkflowMonitor {
  readonly workflowId: string
  /** Health of every node of the deployed graph, as last computed. */
  current(): Map<string, NodeHealth>
  /** True once every watched kind has been listed at least once. */
  synced(): boolean
  /** Why the cluster cannot be observed, once that has lasted UNREACHABLE_GRACE_MS (every node is then `unknown`). */
  unreachable(): string | undefined
  onChange(listener: HealthListener): () => void
  stop(): Promise<void>
}

// Time-dependent rules (an Unschedulable grace period) need a re-evaluation even when nothing in
// the cluster changes; this re-reads memory, not the cluster.
const REEVALUATE_MS = 5_000
// A cluster that cannot be watched for this long is reported: every node turns `unknown` with
// the reason (the cached objects are stale), and a run waiting for health fails with it. Shorter
// blips (a watch renewed, an apiserver restarting) change nothing.
export const UNREACHABLE_GRACE_MS = 8_000

/**
 * Watches one deployed workflow's objects (label-selected, no polling), computes each node's
 * health with the domain rules, persists changes to NodeStatus and publishes node_update events.
 */
export async function startWorkflowMonitor(deps: Deps, workflowId: string, clusterId: string, graph: WorkflowGraph): Promise<WorkflowMonitor> {
  const { kc } = await kubeForCluster(deps, clusterId)
  const namespaces = [...new Set(graph.nodes.map((n) => (n.data as { namespace?: string }).namespace ?? 'default'))]
  const byKind = new Map<string, K8sObject[]>()
  const health = new Map<string, NodeHealth>()
  const listeners = new Set<HealthListener>()
  const syncedKinds = new Set<string>()
  // Health is judged only once every watched kind, including the related ones, was listed.
  const expectedKinds = new Set([...MANAGED_TYPES, ...RELATED_TYPES].map((k) => k.kind))
  let stopped = false
  let writing = Promise.resolve()

  const synced = () => [...expectedKinds].every((k) => syncedKinds.has(k))
  const set = (nodeId: string, kind: NodeKind, next: NodeHealth) => {
    const prev = health.get(nodeId)
    if (prev && prev.state === next.state && prev.message === next.message && deepEqual(prev.details?.observed, next.details?.observed)) return
    health.set(nodeId, next)
    writing = writing.then(() => persist(nodeId, next)).catch(() => {})
    deps.events.publish({ type: 'node_update', workflowId, nodeId, kind, state: next.state, message: next.message, details: next.details })
    for (const l of listeners) l(nodeId, next)
  }
  // An outage of the watch: `reported` once it lasted the grace period.
  let outage: { error: string; timer: NodeJS.Timeout; reported?: string } | undefined
  const recompute = () => {
    // Before every kind is listed, "no pods" would only mean "not listed yet"; during a reported
    // outage the cache is stale.
    if (stopped || !synced() || outage?.reported) return
    const observations = groupObservations(graph, byKind)
    const now = new Date()
    for (const node of graph.nodes) {
      const observed = observations.get(node.id)!
      const h = nodeHealth(node.type, observed, now)
      const figures = observedFigures(node.type, observed.main)
      set(node.id, node.type, figures ? { ...h, details: { ...h.details, observed: figures } } : h)
    }
  }
  const reportOutage = () => {
    if (stopped || !outage) return
    outage.reported = `cannot observe the cluster: ${outage.error}`
    for (const node of graph.nodes) set(node.id, node.type, { state: 'unknown', message: outage.reported })
  }

  const persist = async (nodeId: string, h: NodeHealth) => {
    const details = (h.details ?? {}) as Prisma.InputJsonValue
    await deps.db.nodeStatus.upsert({
      where: { workflowId_nodeId: { workflowId, nodeId } },
      create: { workflowId, nodeId, state: h.state, message: h.message, details },
      update: { state: h.state, message: h.message, details },
    })
  }

  const watcher: ResourceWatcher = watchResources(kc, {
    namespaces,
    labelSelector: workflowSelector(workflowId),
    kinds: [...MANAGED_TYPES],
    related: [...RELATED_TYPES],
    onChange: ({ kind, objects }) => {
      byKind.set(kind, objects)
      syncedKinds.add(kind)
      recompute()
    },
    onError: (e) => {
      console.warn(`monitor ${workflowId}: ${e.message}`)
      // The latest error says most (a stream "terminated" is followed by "connection refused").
      if (outage && !outage.reported) outage.error = e.message
    },
    onReachability: (reachable, e) => {
      if (!reachable) {
        outage ??= { error: e?.message ?? 'unknown error', timer: setTimeout(reportOutage, UNREACHABLE_GRACE_MS) }
        return
      }
      clearTimeout(outage?.timer)
      outage = undefined
      recompute()
    },
  })
  const timer = setInterval(recompute, REEVALUATE_MS)
  timer.unref()

  return {
    workflowId,
    current: () => new Map(health),
    synced,
    unreachable: () => outage?.reported,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      clearTimeout(outage?.timer)
      listeners.clear()
      await watcher.stop()
      await writing
    },
  }
}
