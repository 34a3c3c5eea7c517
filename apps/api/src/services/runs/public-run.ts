import type { RunLog, RunNodeState, WorkflowRun } from '@kubeorch/db'

export type RunObjectAction = { apiVersion: string; kind: string; namespace?: string; name: string; action: string; error?: string }

export type PublicRun = WorkflowRun & {
  nodeStates: (Omit<RunNodeState, 'objects'> & { objects: RunObjectAction[] })[]
  logs: { at: Date; level: string; message: string }[]
}

export const toPublicRun = (run: WorkflowRun & { nodeStates?: RunNodeState[]; logs?: RunLog[] }): PublicRun => ({
  ...run,
  nodeStates: (run.nodeStates ?? []).map((s) => ({ ...s, objects: s.objects as RunObjectAction[] })),
  logs: (run.logs ?? []).map((l) => ({ at: l.at, level: l.level, message: l.message })),
})
