import type { WorkflowGraph } from '@kubeorch/domain'
import type { Deps } from '../context.ts'
import { startWorkflowMonitor, type WorkflowMonitor } from './workflow-monitor.ts'

/** One monitor per deployed workflow in this process; replaced when a run deploys a new graph. */
export function createMonitorRegistry() {
  const monitors = new Map<string, Promise<WorkflowMonitor>>()
  const registry = {
    /** Starts (or restarts, for a new graph) the monitor of a workflow. */
    async watch(deps: Deps, workflowId: string, clusterId: string, graph: WorkflowGraph): Promise<WorkflowMonitor> {
      await registry.stop(workflowId)
      const started = startWorkflowMonitor(deps, workflowId, clusterId, graph)
      monitors.set(workflowId, started)
      started.catch(() => monitors.delete(workflowId))
      return started
    },
    get(workflowId: string): Promise<WorkflowMonitor> | undefined {
      return monitors.get(workflowId)
    },
    async stop(workflowId: string) {
      const existing = monitors.get(workflowId)
      monitors.delete(workflowId)
      await existing?.then((m) => m.stop(), () => {})
    },
    async stopAll() {
      await Promise.all([...monitors.keys()].map((id) => registry.stop(id)))
    },
    size: () => monitors.size,
  }
  return registry
}
export type MonitorRegistry = ReturnType<typeof createMonitorRegistry>
