import type { NodeHealth } from '@kubeorch/domain'
import type { WorkflowMonitor } from '../monitoring/workflow-monitor.ts'

export type HealthOutcome =
  | { ok: true }
  | { ok: false; reason: 'error'; nodes: { nodeId: string; health: NodeHealth }[] }
  | { ok: false; reason: 'timeout'; nodes: { nodeId: string; health: NodeHealth | undefined }[] }
  | { ok: false; reason: 'cancelled' }

/**
 * Resolves when every node is healthy, when any turns error, when the timeout passes, or when
 * `cancelled()` says so (checked on every change and once a second).
 */
export function waitForHealth(
  monitor: WorkflowMonitor,
  nodeIds: string[],
  opts: { timeoutMs: number; cancelled: () => Promise<boolean> },
): Promise<HealthOutcome> {
  return new Promise((resolve) => {
    let done = false
    const finish = (outcome: HealthOutcome) => {
      if (done) return
      done = true
      unsubscribe()
      clearTimeout(timeout)
      clearInterval(tick)
      resolve(outcome)
    }
    const evaluate = () => {
      const current = monitor.current()
      // A cluster that cannot be observed fails the run now, naming the reason for each node,
      // rather than when the timeout passes.
      if (monitor.unreachable()) {
        const stuck = nodeIds.filter((id) => current.get(id)?.state !== 'healthy')
        return finish({ ok: false, reason: 'error', nodes: stuck.map((nodeId) => ({ nodeId, health: current.get(nodeId) ?? { state: 'unknown', message: monitor.unreachable()! } })) })
      }
      if (!monitor.synced()) return
      const failed = nodeIds.flatMap((nodeId) => {
        const health = current.get(nodeId)
        return health?.state === 'error' ? [{ nodeId, health }] : []
      })
      if (failed.length) return finish({ ok: false, reason: 'error', nodes: failed })
      if (nodeIds.every((id) => current.get(id)?.state === 'healthy')) finish({ ok: true })
    }
    const unsubscribe = monitor.onChange(evaluate)
    const timeout = setTimeout(() => {
      const current = monitor.current()
      finish({
        ok: false,
        reason: 'timeout',
        nodes: nodeIds.filter((id) => current.get(id)?.state !== 'healthy').map((nodeId) => ({ nodeId, health: current.get(nodeId) })),
      })
    }, opts.timeoutMs)
    const tick = setInterval(async () => {
      if (await opts.cancelled().catch(() => false)) finish({ ok: false, reason: 'cancelled' })
      else evaluate()
    }, 1000)
    evaluate()
  })
}
