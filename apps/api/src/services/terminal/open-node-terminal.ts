import type { K8sObject } from '@kubeorch/domain'
import type { KubeConfig } from '@kubeorch/kube'
import { z } from 'zod'
import { ConflictError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { findNodePod, listNodePods, loadNodeTarget, names, pickContainer, requireWorkload } from '../logs/node-target.ts'
import { parseInput } from '../parse-input.ts'

export const terminalInput = z.strictObject({
  pod: z.string().min(1).max(253).optional(),
  container: z.string().min(1).max(63).optional(),
})

export type TerminalTarget = { kc: KubeConfig; namespace: string; pod: string; container: string }

/**
 * Where a terminal of a node goes (SPEC §10): only users who may run the workflow (edit) get one.
 * Without `pod`, the node's first pod whose container runs; without `container`, the pod's first.
 * Unknown pods and containers are errors listing what exists; a container that is not running is
 * a conflict saying why.
 */
export async function openNodeTerminal(deps: Deps, actor: Actor, workflowId: string, nodeId: string, input: unknown): Promise<TerminalTarget> {
  const { pod: podName, container } = parseInput(terminalInput, input ?? {})
  const target = await loadNodeTarget(deps, actor, workflowId, nodeId, 'edit')
  requireWorkload(target)
  let pod: K8sObject
  if (podName) pod = await findNodePod(target, podName)
  else {
    const pods = await listNodePods(target)
    const running = pods.find((p) => state(p, container ?? firstContainer(p))?.running)
    if (!running)
      throw pods.length
        ? new ConflictError(`no pod of node ${nodeId} has a running container${container ? ` "${container}"` : ''}; its pods: ${names(pods.map((p) => p.metadata.name))}`, 'NOT_RUNNING')
        : new ConflictError(`node ${nodeId} has no pods; run the workflow first`, 'NOT_RUNNING')
    pod = running
  }
  const chosen = pickContainer(pod, container)
  const s = state(pod, chosen)
  if (!s?.running) {
    const why = s?.waiting?.reason ?? (s?.terminated ? `terminated: ${s.terminated.reason ?? 'exited'}` : 'not started')
    throw new ConflictError(`container "${chosen}" of pod ${pod.metadata.name} is not running (${why})`, 'NOT_RUNNING')
  }
  return { kc: target.kc, namespace: target.namespace, pod: pod.metadata.name, container: chosen }
}

type ContainerState = { running?: unknown; waiting?: { reason?: string }; terminated?: { reason?: string } }

function firstContainer(pod: K8sObject): string {
  return ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? [])[0]?.name ?? ''
}

function state(pod: K8sObject, container: string): ContainerState | undefined {
  const statuses = (pod.status as { containerStatuses?: { name: string; state?: ContainerState }[] } | undefined)?.containerStatuses ?? []
  return statuses.find((c) => c.name === container)?.state
}
