import { WORKLOAD_KINDS, isWorkloadKind, validateGraph, workflowSelector, type K8sObject, type WorkflowGraph, type WorkflowNode } from '@kubeorch/domain'
import { createObjectReader, type KubeConfig, type ObjectReader } from '@kubeorch/kube'
import type { Workflow } from '@kubeorch/db'
import { NotFoundError, invalidField } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { kubeForCluster } from '../runs/cluster-access.ts'
import { loadWorkflowWithGraph, type Need } from '../workflows/workflow-access.ts'

export const POD = { apiVersion: 'v1', kind: 'Pod' } as const

/** One node of a workflow as deployed, with a client for its cluster. */
export type NodeTarget = {
  workflow: Workflow
  /** The graph last run (its version), or the canvas when it never ran. */
  graph: WorkflowGraph
  node: WorkflowNode
  namespace: string
  kc: KubeConfig
  reader: ObjectReader
  /** Selects the pods of a workload node. */
  podSelector: string
}

/**
 * Loads the workflow (with the access `need`), the deployed graph and the node. An unknown node
 * is "node <id> not found". Cluster credentials are opened here, through kubeForCluster only.
 */
export async function loadNodeTarget(deps: Deps, actor: Actor, workflowId: string, nodeId: string, need: Need): Promise<NodeTarget> {
  const workflow = await loadWorkflowWithGraph(deps, actor, workflowId, need)
  const graph = await deployedGraph(deps, workflow)
  const node = graph.nodes.find((n) => n.id === nodeId)
  if (!node) throw new NotFoundError(`node ${nodeId}`)
  const { kc } = await kubeForCluster(deps, workflow.clusterId)
  return {
    workflow,
    graph,
    node,
    namespace: (node.data as { namespace?: string }).namespace ?? 'default',
    kc,
    reader: createObjectReader(kc),
    podSelector: workflowSelector(workflow.id, node.id),
  }
}

/** The graph of the latest run's version; the canvas if the workflow never ran. */
export async function deployedGraph(deps: Deps, workflow: Workflow): Promise<WorkflowGraph> {
  const run = await deps.db.workflowRun.findFirst({ where: { workflowId: workflow.id }, orderBy: { startedAt: 'desc' }, select: { version: true } })
  const version = run?.version
    ? await deps.db.workflowVersion.findUnique({ where: { workflowId_version: { workflowId: workflow.id, version: run.version } }, select: { nodes: true, edges: true } })
    : null
  const raw = version ?? { nodes: workflow.nodes, edges: workflow.edges }
  const checked = validateGraph({ nodes: raw.nodes, edges: raw.edges })
  // A stored graph was valid when saved; if the rules have since tightened, use it as stored.
  return checked.ok ? checked.graph : (raw as unknown as WorkflowGraph)
}

/** Pods exist only for workload nodes; any other kind is a clear error on `nodeId`. */
export function requireWorkload(target: NodeTarget): void {
  if (!isWorkloadKind(target.node.type))
    throw invalidField(['nodeId'], `node ${target.node.id} is a ${target.node.type}, which has no pods; pick a workload node (${WORKLOAD_KINDS.join(', ')})`)
}

export async function listNodePods(target: NodeTarget): Promise<K8sObject[]> {
  const pods = await target.reader.list(POD, { namespace: target.namespace, labelSelector: target.podSelector })
  return pods.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
}

/** The named pod of the node, or a ValidationError on `pod` listing the node's pods. */
export async function findNodePod(target: NodeTarget, podName: string): Promise<K8sObject> {
  const pods = await listNodePods(target)
  const pod = pods.find((p) => p.metadata.name === podName)
  if (!pod) throw invalidField(['pod'], `no pod "${podName}" belongs to node ${target.node.id}; its pods: ${names(pods.map((p) => p.metadata.name))}`)
  return pod
}

export function containerNames(pod: K8sObject): string[] {
  const spec = pod.spec as { containers?: { name: string }[]; initContainers?: { name: string }[] } | undefined
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].map((c) => c.name)
}

/** The container (default: the pod's first), or a ValidationError on `container` listing them. */
export function pickContainer(pod: K8sObject, container: string | undefined): string {
  const all = containerNames(pod)
  if (container === undefined) return all[0]!
  if (!all.includes(container))
    throw invalidField(['container'], `pod ${pod.metadata.name} has no container "${container}"; its containers: ${names(all)}`)
  return container
}

export const names = (list: string[]) => (list.length ? list.join(', ') : '(none)')
