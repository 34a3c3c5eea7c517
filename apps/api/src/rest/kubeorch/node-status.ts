import type { NodeKind } from '@kubeorch/domain'

/** A node's last known health, as the monitor persists and streams it. */
export type NodeState = { state: string; message: string; details?: Record<string, unknown> | null }

/**
 * KubeOrch's state words where they differ from ours (KUBEORCH-API.md §3.5), lowercase like all
 * of ours. Workloads and Services use ours as they are: healthy, partial, error (and unknown).
 */
const WORDS: Partial<Record<NodeKind, Record<string, string>>> = {
  ingress: { partial: 'pending' },
  persistentvolumeclaim: { healthy: 'bound', partial: 'pending', error: 'lost' },
  job: { healthy: 'completed', partial: 'running', error: 'failed' },
  configmap: { healthy: 'created', partial: 'pending' },
  secret: { healthy: 'created', partial: 'pending' },
  cronjob: { healthy: 'active' },
  hpa: { healthy: 'stable' },
  networkpolicy: { healthy: 'active' },
}

/** The figures KubeOrch's status object carries per kind, from what the monitor observed (its Kubernetes field names). */
const FIGURES: Partial<Record<NodeKind, readonly string[]>> = {
  deployment: ['replicas', 'readyReplicas'],
  statefulset: ['replicas', 'readyReplicas', 'currentReplicas'],
  daemonset: ['desiredNumberScheduled', 'numberReady'],
  service: ['clusterIP', 'externalIP', 'nodePort'],
  ingress: ['loadBalancerIP', 'loadBalancerHostname', 'rulesCount'],
  persistentvolumeclaim: ['capacity', 'volumeName'],
  job: ['active', 'succeeded', 'failed'],
}

/**
 * KubeOrch's per-node `status` object (`{ state, message, replicas, readyReplicas, … }`), read
 * by its canvas from `node_update` events and from `data._status`.
 */
export function kubeorchStatus(kind: NodeKind | undefined, s: NodeState): Record<string, unknown> {
  const state = s.state.toLowerCase()
  const status: Record<string, unknown> = { state: (kind && WORDS[kind]?.[state]) ?? state, message: s.message }
  const observed = s.details?.observed
  if (kind && observed && typeof observed === 'object') {
    for (const key of FIGURES[kind] ?? []) {
      const value = (observed as Record<string, unknown>)[key]
      if (value !== undefined && value !== null) status[key] = value
    }
  }
  return status
}
