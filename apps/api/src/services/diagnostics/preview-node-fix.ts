import { applyNodePatch, compareGraphs, type Finding, type Fix, type GraphDiff, type WorkflowGraph } from '@kubeorch/domain'
import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { loadWorkflowWithGraph } from '../workflows/workflow-access.ts'
import { diagnoseWorkflowNode } from './diagnose-workflow-node.ts'

export type FixPreview = { finding: Finding; fix: Fix; revision: number; diff: GraphDiff; graph: WorkflowGraph }

/**
 * What a suggested fix would change in the design: findings are recomputed now, the fix is
 * looked up by its id (gone once the problem is: not found), and its patch is applied to the
 * current canvas. `revision` is the canvas revision the diff is based on.
 */
export async function previewNodeFix(deps: Deps, actor: Actor, workflowId: string, nodeId: string, fixId: string): Promise<FixPreview> {
  const { findings } = await diagnoseWorkflowNode(deps, actor, workflowId, nodeId)
  const finding = findings.find((f) => f.fix?.id === fixId)
  if (!finding?.fix) throw new NotFoundError(`fix ${fixId} for node ${nodeId} (offered now: ${findings.flatMap((f) => f.fix?.id ?? []).join(', ') || 'none'})`)
  const wf = await loadWorkflowWithGraph(deps, actor, workflowId, 'view')
  const before = { nodes: wf.nodes, edges: wf.edges } as unknown as WorkflowGraph
  const graph = applyNodePatch(before, finding.fix.patch)
  return { finding, fix: finding.fix, revision: wf.revision, diff: compareGraphs(before, graph), graph }
}
