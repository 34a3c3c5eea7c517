import type { PublicCluster, PublicRun, PublicUser, PublicVersion, PublicWorkflow, WorkflowFacts } from '../services/index.ts'
import { graphToRest } from './kubeorch/node-out.ts'
import type { NodeState } from './kubeorch/node-status.ts'

// The legacy snake_case shapes, one mapper per entity. Fields are listed one by one so nothing
// that a service adds later leaks by accident.
const iso = (d: Date | null) => (d ? d.toISOString() : null)

export const userToRest = (u: PublicUser) => ({ id: u.id, email: u.email, name: u.name, created_at: iso(u.createdAt) })

/** Ours, with KubeOrch's ClusterResponse fields beside them (camelCase, as KubeOrch's JSON is). */
export const clusterToRest = (c: PublicCluster, isDefault: boolean) => ({
  id: c.id,
  name: c.name,
  description: c.description,
  server: c.server,
  status: c.status.toLowerCase(),
  status_message: c.statusMessage,
  has_credentials: c.hasCredentials,
  last_checked_at: iso(c.lastCheckedAt),
  created_at: iso(c.createdAt),
  updated_at: iso(c.updatedAt),
  displayName: c.displayName ?? c.name,
  authType: c.authType,
  default: isDefault,
  // Never set here: single-node mode would change the nodes' taints (see README).
  singleNode: false,
  labels: {},
  lastCheck: iso(c.lastCheckedAt),
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
  metadata: {},
})

/** KubeOrch's words for a connection's status: an unreachable or unusable cluster is `error` there. */
const KUBEORCH_CLUSTER_STATUS: Record<PublicCluster['status'], string> = { CONNECTED: 'connected', UNREACHABLE: 'error', UNKNOWN: 'unknown', UNUSABLE: 'error' }

/** A cluster where KubeOrch's clients read it (lists, `cluster` in answers, GET): its status in KubeOrch's words. */
export const kubeorchCluster = (c: PublicCluster, isDefault: boolean) => ({ ...clusterToRest(c, isDefault), status: KUBEORCH_CLUSTER_STATUS[c.status] })

/** With `statuses`, each node carries its last known status in `data._status` (KubeOrch's canvas reads it there). */
export const workflowToRest = (w: PublicWorkflow, facts: WorkflowFacts, statuses?: ReadonlyMap<string, NodeState>) => {
  const graph = graphToRest(w.nodes, w.edges, statuses)
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    status: w.status.toLowerCase(),
    cluster_id: w.clusterId,
    // KubeOrch's clients name a workflow's cluster by its name.
    cluster_name: facts.clusterName,
    owner_id: w.ownerId,
    nodes: graph.nodes,
    edges: graph.edges,
    revision: w.revision,
    current_version: w.currentVersion,
    last_version: w.lastVersion,
    run_count: w.runCount,
    success_count: facts.successCount,
    failure_count: facts.failureCount,
    last_run_at: iso(w.lastRunAt),
    created_at: iso(w.createdAt),
    updated_at: iso(w.updatedAt),
  }
}

export const versionToRest = (v: PublicVersion) => ({
  id: v.id,
  workflow_id: v.workflowId,
  version: v.version,
  name: v.name,
  tag: v.tag,
  description: v.description,
  ...graphToRest(v.nodes, v.edges),
  manifests: v.manifests,
  automatic: v.automatic,
  is_automatic: v.automatic,
  restored_from: v.restoredFrom,
  created_by: v.createdById,
  run_id: v.runId,
  run_status: v.runStatus?.toLowerCase() ?? null,
  created_at: iso(v.createdAt),
})

export const runToRest = (r: PublicRun) => ({
  id: r.id,
  workflow_id: r.workflowId,
  status: r.status.toLowerCase(),
  version: r.version,
  triggered_by: r.triggeredBy.toLowerCase(),
  triggered_by_user: r.triggeredByUserId,
  trigger_id: r.triggerId,
  trigger_data: r.triggerData,
  error: r.error,
  started_at: iso(r.startedAt),
  completed_at: iso(r.completedAt),
  duration: r.durationMs,
  node_states: r.nodeStates.map((s) => ({ node_id: s.nodeId, state: s.state, message: s.message, objects: s.objects })),
  logs: r.logs.map((l) => ({ at: iso(l.at), level: l.level, message: l.message })),
})

export const pageToRest = <T, R>(key: string, p: { items: T[]; total: number; page: number; limit: number }, map: (t: T) => R) => ({
  [key]: p.items.map(map),
  total: p.total,
  page: p.page,
  limit: p.limit,
})
