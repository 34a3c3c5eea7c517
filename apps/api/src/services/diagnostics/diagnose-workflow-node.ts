import { diagnoseNode, type Finding } from '@kubeorch/domain'
import type { Actor, Deps } from '../context.ts'
import { loadNodeTarget } from '../logs/node-target.ts'
import { gatherObservations } from './gather-observations.ts'

export type NodeDiagnostics = { workflowId: string; nodeId: string; findings: Finding[]; observedAt: Date }

/**
 * Diagnostics of one node (SPEC §10): the deployed graph's node, what the cluster shows of it now,
 * and the domain's detectors. Read access is enough; applying a fix needs edit.
 */
export async function diagnoseWorkflowNode(deps: Deps, actor: Actor, workflowId: string, nodeId: string): Promise<NodeDiagnostics> {
  const target = await loadNodeTarget(deps, actor, workflowId, nodeId, 'view')
  const observed = await gatherObservations(target)
  const observedAt = new Date()
  const findings = diagnoseNode({ node: target.node, graph: target.graph, observed, now: observedAt })
  return { workflowId: target.workflow.id, nodeId: target.node.id, findings, observedAt }
}
