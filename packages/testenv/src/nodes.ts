import type { CoreV1Api, V1Node } from '@kubernetes/client-node'
import { resourceMetricsPath } from './metrics.ts'

/**
 * Capacity of every fake node. Big enough for any sane test workload and far
 * below UNSCHEDULABLE_REQUESTS, so that "unschedulable" is decided by the
 * real scheduler.
 */
export const NODE_CAPACITY = { cpu: '32', memory: '256Gi', pods: '110' } as const

export function nodeName(index: number): string {
  return `kwok-node-${index}`
}

/**
 * The Node objects kwok will play (kwok never creates nodes itself; with
 * --manage-all-nodes it takes over every Node). Labels mimic a kubelet's;
 * the annotations are kwokctl's.
 */
export function fakeNode(index: number): V1Node {
  const name = nodeName(index)
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node-role.kubernetes.io/worker': '',
        type: 'kwok',
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'kwok.x-k8s.io/node': 'fake',
        // metrics-server scrapes this path on the node's kubelet port (kwok) instead of /metrics/resource.
        'metrics.k8s.io/resource-metrics-path': resourceMetricsPath(name),
      },
    },
    status: { capacity: { ...NODE_CAPACITY }, allocatable: { ...NODE_CAPACITY } },
  }
}

/**
 * True once the node is Ready and the node-lifecycle controller has removed
 * the not-ready taint that admission put on it: only then will the
 * scheduler place pods there.
 */
export function nodeSchedulable(node: V1Node): boolean {
  const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false
  const tainted = node.spec?.taints?.some((t) => t.key.startsWith('node.kubernetes.io/')) ?? false
  return ready && !tainted
}

export async function createNodes(core: CoreV1Api, count: number): Promise<string[]> {
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    const node = fakeNode(i)
    await core.createNode({ body: node })
    names.push(node.metadata!.name!)
  }
  return names
}
