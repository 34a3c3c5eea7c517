import { CoreV1Api, KubeConfig } from '@kubernetes/client-node'
import type { RestClient, SseEvent } from './client.ts'
import { openSse, waiter } from './client.ts'

/** The bench's own client of the control plane (not KubeOrch's), to change objects behind its back. */
export function clusterClient(kubeconfig: string) {
  const kc = new KubeConfig()
  kc.loadFromString(kubeconfig)
  return kc.makeApiClient(CoreV1Api)
}

/** A small deployed design whose ConfigMap the live benchmarks change: Deployment + Service + ConfigMap. */
export function liveGraph(ns: string) {
  return {
    nodes: [
      { id: 'web', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', namespace: ns, image: 'nginx:1.27', replicas: 1, ports: [{ containerPort: 80 }] } },
      { id: 'svc', type: 'service', position: { x: 300, y: 0 }, data: { name: 'web', namespace: ns, port: 80 } },
      { id: 'cfg', type: 'configmap', position: { x: 0, y: 200 }, data: { name: 'cfg', namespace: ns, data: { a: '1' }, mountPath: '/etc/cfg' } },
    ],
    edges: [
      { id: 'e1', source: 'svc', target: 'web' },
      { id: 'e2', source: 'cfg', target: 'web' },
    ],
  }
}

/** Deploys liveGraph through a KubeOrch run and waits until it completes (every node healthy). */
export async function deployLiveWorkflow(rest: RestClient, apiUrl: string, ns: string): Promise<string> {
  const wf = await rest.publishedWorkflow('live', 'testenv', liveGraph(ns))
  const done = waiter<SseEvent>(180_000, 'the live workflow run')
  const sse = await openSse(`${apiUrl}/v1/api/workflows/${wf.id}/status/stream`, rest.token, (e) => e.type === 'run_completed' && done.resolve(e))
  try {
    await rest.call('POST', `/workflows/${wf.id}/run`, {})
    const end = await done.promise
    if (end.data.status !== 'completed') throw new Error(`live workflow run ${end.data.status}: ${end.data.error}`)
  } finally {
    sse.close()
  }
  return wf.id
}

/**
 * Changes the ConfigMap's key count (1 ↔ 2), which changes the node's health message
 * ("present (1 key)" ↔ "present (2 keys)") and so produces one node_update. Resolves at the
 * API server's response, with performance.now() then and the message to expect.
 */
export async function flipConfigMap(core: CoreV1Api, ns: string, i: number): Promise<{ at: number; expect: string }> {
  const cm = await core.readNamespacedConfigMap({ name: 'cfg', namespace: ns })
  const two = i % 2 === 0
  cm.data = two ? { a: '1', b: String(i) } : { a: '1' }
  await core.replaceNamespacedConfigMap({ name: 'cfg', namespace: ns, body: cm })
  return { at: performance.now(), expect: two ? 'present (2 keys)' : 'present (1 key)' }
}
