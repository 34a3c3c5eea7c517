import { MANAGED_TYPES, RELATED_TYPES, WORKFLOW_LABEL, workflowSelector, type DiagnosticObservations, type K8sObject } from '@kubeorch/domain'
import { createLogStreamer } from '@kubeorch/kube'
import { ConflictError } from '../../errors.ts'
import type { NodeTarget } from '../logs/node-target.ts'
import { groupObservations } from '../monitoring/group-observations.ts'

const LOG_LINES = 10
const LOG_PODS = 3

/**
 * What diagnostics read of one node, listed from the cluster now (one request per kind and
 * namespace): the workflow's objects and their pods, replica sets, endpoint slices and events,
 * sorted per node as the monitor does; the namespace's ConfigMaps and Secrets (keys only, never
 * values); the cluster's Nodes and StorageClasses when the credentials may list them; and the
 * last log lines of crashing containers.
 */
export async function gatherObservations(target: NodeTarget): Promise<DiagnosticObservations> {
  const { reader, graph, workflow, node, namespace } = target
  const namespaces = [...new Set(graph.nodes.map((n) => (n.data as { namespace?: string }).namespace ?? 'default'))]
  const labelSelector = workflowSelector(workflow.id)
  const byKind = new Map<string, K8sObject[]>()
  let configMaps: K8sObject[]
  let secrets: K8sObject[]
  try {
    // Secrets are read as keys only, and Events of the whole namespace (they carry no labels), below.
    const kinds = [...MANAGED_TYPES, ...RELATED_TYPES].filter((k) => k.kind !== 'Secret' && k.kind !== 'Event')
    const lists = await Promise.all(
      kinds.map(async (gvk) => [gvk.kind, (await Promise.all(namespaces.map((ns) => reader.list(gvk, { namespace: ns, labelSelector })))).flat()] as const),
    )
    for (const [kind, objects] of lists) byKind.set(kind, objects)
    const events = await Promise.all(namespaces.map((ns) => reader.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: ns })))
    byKind.set('Event', events.flat())
    ;[configMaps, secrets] = await Promise.all([reader.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace }), reader.listSecretKeys(namespace)])
    byKind.set('Secret', secrets.filter((s) => s.metadata.labels?.[WORKFLOW_LABEL] === workflow.id))
  } catch (err) {
    throw new ConflictError(`cannot read the cluster: ${(err as Error).message}`, 'CLUSTER_UNREACHABLE')
  }
  const observed = groupObservations(graph, byKind).get(node.id) ?? { main: [] }
  // Cluster-scoped lists need more rights than a namespace user may have: without them, the
  // fixes that need them are skipped (see the domain's diagnostics README).
  const [clusterNodes, storageClasses, logs] = await Promise.all([
    reader.list({ apiVersion: 'v1', kind: 'Node' }).catch(() => undefined),
    reader.list({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' }).catch(() => undefined),
    crashLogs(target, observed.pods ?? []),
  ])
  return { ...observed, configMaps, secrets, logs, ...(clusterNodes ? { clusterNodes } : {}), ...(storageClasses ? { storageClasses } : {}) }
}

type Status = { name: string; restartCount?: number; state?: { waiting?: { reason?: string }; terminated?: unknown }; lastState?: { terminated?: unknown } }

/** Last lines of containers that crashed: the previous instance's when it restarted. */
async function crashLogs(target: NodeTarget, pods: K8sObject[]): Promise<Record<string, string[]>> {
  const streamer = createLogStreamer(target.kc)
  const wanted = [...pods]
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .flatMap((pod) =>
      ((pod.status as { containerStatuses?: Status[] } | undefined)?.containerStatuses ?? [])
        .filter((s) => s.state?.waiting?.reason === 'CrashLoopBackOff' || s.state?.terminated || s.lastState?.terminated)
        .map((s) => ({ pod: pod.metadata.name, container: s.name, previous: (s.restartCount ?? 0) > 0 && !s.state?.terminated })),
    )
    .slice(0, LOG_PODS)
  const entries = await Promise.all(
    wanted.map(async (w) => {
      const lines = await streamer
        .read({ namespace: target.namespace, pod: w.pod, container: w.container }, { previous: w.previous, tailLines: LOG_LINES })
        .catch(() => [])
      return [`${w.pod}/${w.container}`, lines] as const
    }),
  )
  return Object.fromEntries(entries.filter(([, lines]) => lines.length > 0))
}
