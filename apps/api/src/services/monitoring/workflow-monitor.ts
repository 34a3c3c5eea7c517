import { nodeHealth, type K8sObject, type NodeHealth, type WorkflowGraph } from '@kubeorch/domain'
import { MANAGED_KINDS, watchResources, type ResourceWatcher } from '@kubeorch/kube'
import type { Prisma } from '@kubeorch/db'
import type { Deps } from '../context.ts'
import { kubeForCluster } from '../runs/cluster-access.ts'
import { groupObservations } from './group-observations.ts'

export type HealthListener = (nodeId: string, health: NodeHealth) => void

export interface WorkflowMonitor {
  readonly workflowId: string
  /** Health of every node of the deployed graph, as last computed. */
  current(): Map<string, NodeHealth>
  /** True once every watched kind has been listed at least once. */
  synced(): boolean
  onChange(listener: HealthListener): () => void
  stop(): Promise<void>
}

// Time-dependent rules (an Unschedulable grace period) need a re-evaluation even when nothing in
// the cluster changes; this re-reads memory, not the cluster.
const REEVALUATE_MS = 5_000

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
  const expectedKinds = new Set([...MANAGED_KINDS.map((k) => k.kind), 'Pod', 'ReplicaSet', 'EndpointSlice', 'Event'])
  let stopped = false
  let writing = Promise.resolve()

  const synced = () => [...expectedKinds].every((k) => syncedKinds.has(k))
  const recompute = () => {
    // Before every kind is listed, "no pods" would only mean "not listed yet".
    if (stopped || !synced()) return
    const observations = groupObservations(graph, byKind)
    const now = new Date()
    for (const node of graph.nodes) {
      const next = nodeHealth(node.type, observations.get(node.id)!, now)
      const prev = health.get(node.id)
      if (prev && prev.state === next.state && prev.message === next.message) continue
      health.set(node.id, next)
      writing = writing.then(() => persist(node.id, next)).catch(() => {})
      deps.events.publish({ type: 'node_update', workflowId, nodeId: node.id, state: next.state, message: next.message, details: next.details })
      for (const l of listeners) l(node.id, next)
    }
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
    labelSelector: `kubeorch.io/workflow=${workflowId}`,
    kinds: [...MANAGED_KINDS],
    onChange: ({ kind, objects }) => {
      byKind.set(kind, objects)
      syncedKinds.add(kind)
      recompute()
    },
    onError: (e) => console.warn(`monitor ${workflowId}: ${e.message}`),
  })
  const timer = setInterval(recompute, REEVALUATE_MS)
  timer.unref()

  return {
    workflowId,
    current: () => new Map(health),
    synced,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async stop() {
      stopped = true
      clearInterval(timer)
      listeners.clear()
      await watcher.stop()
      await writing
    },
  }
}
