import { NODE_LABEL, isWorkloadKind, type K8sObject, type WorkflowGraph } from '@kubeorch/domain'

// An absent list means "not observed yet" (the health rules skip its checks); an empty one means
// "observed: none".
export type NodeObservations = {
  main: K8sObject[]
  pods?: K8sObject[]
  replicaSets?: K8sObject[]
  endpointSlices?: K8sObject[]
  services?: K8sObject[]
  jobs?: K8sObject[]
  configs?: K8sObject[]
  events?: K8sObject[]
}

const nodeOf = (o: K8sObject) => o.metadata.labels?.[NODE_LABEL]
const uidOf = (o: K8sObject) => (o.metadata as { uid?: string }).uid

/**
 * Sorts what the watcher sees into what each node's health rule needs: the node's own objects
 * (by the `kubeorch.io/node` label), its pods (and a Deployment's ReplicaSets), the pods behind a Service or an HPA, a Service's
 * EndpointSlices, an Ingress's backend Services, a CronJob's Jobs, and the events about them.
 */
export function groupObservations(graph: WorkflowGraph, byKind: Map<string, K8sObject[]>): Map<string, NodeObservations> {
  const all = (kind: string) => byKind.get(kind) ?? []
  const seen = (kind: string) => byKind.get(kind)
  const pods = seen('Pod')
  const services = seen('Service')
  const jobs = seen('Job')
  const configsByNamespace = new Map<string, K8sObject[]>()
  for (const o of [...all('ConfigMap'), ...all('Secret')]) {
    const ns = o.metadata.namespace ?? 'default'
    configsByNamespace.set(ns, [...(configsByNamespace.get(ns) ?? []), o])
  }
  const configsIn = (namespace: string) => configsByNamespace.get(namespace) ?? []
  const result = new Map<string, NodeObservations>()
  const owned = new Map<string, K8sObject[]>()
  for (const [kind, objects] of byKind) {
    if (kind === 'Pod' || kind === 'Event' || kind === 'ReplicaSet' || kind === 'EndpointSlice') continue
    for (const o of objects) {
      const node = nodeOf(o)
      if (node) owned.set(node, [...(owned.get(node) ?? []), o])
    }
  }
  for (const node of graph.nodes) {
    const main = (owned.get(node.id) ?? []).filter((o) => node.type !== 'cronjob' || o.kind !== 'Job')
    const linked = (node.data as { _linkedDeployment?: { nodeId?: string } })._linkedDeployment?.nodeId
    // A Service's pods are its workload's; an HPA's are its target's (their age opens its metrics window).
    const podOwner = node.type === 'service' || node.type === 'hpa' ? linked : node.id
    // A NetworkPolicy's pods are those of the workloads it guards.
    const owners = new Set(
      node.type === 'networkpolicy'
        ? ((node.data as { _linkedWorkloads?: { nodeId?: string }[] })._linkedWorkloads ?? []).flatMap((w) => w.nodeId ?? [])
        : podOwner ? [podOwner] : [],
    )
    const nodePods = owners.size > 0 ? pods?.filter((p) => owners.has(nodeOf(p) ?? '')) : []
    const backendNames = new Set(
      node.type === 'ingress'
        ? ((node.data as { paths?: { _linkedService?: { name?: string } }[] }).paths ?? []).flatMap((p) => p._linkedService?.name ?? [])
        : [],
    )
    const obs: NodeObservations = {
      main,
      pods: nodePods,
      replicaSets: node.type === 'deployment' ? seen('ReplicaSet')?.filter((rs) => nodeOf(rs) === node.id) : [],
      endpointSlices: node.type === 'service' ? seen('EndpointSlice')?.filter((s) => nodeOf(s) === node.id) : [],
      services: node.type === 'ingress' ? services?.filter((s) => backendNames.has(s.metadata.name)) : [],
      jobs: node.type === 'cronjob' ? jobs?.filter((j) => nodeOf(j) === node.id) : [],
      // A workload's: the workflow's ConfigMaps and Secrets of its namespace (a config error its pods report may be about to clear).
      ...(isWorkloadKind(node.type) ? { configs: configsIn((node.data as { namespace?: string }).namespace ?? 'default') } : {}),
    }
    const uids = new Set([...obs.main, ...(obs.pods ?? []), ...(obs.jobs ?? [])].map(uidOf).filter(Boolean))
    obs.events = seen('Event')?.filter((e) => uids.has((e as { involvedObject?: { uid?: string } }).involvedObject?.uid ?? ''))
    result.set(node.id, obs)
  }
  return result
}
