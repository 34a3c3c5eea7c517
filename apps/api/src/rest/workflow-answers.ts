import { workflowFacts, workflowNodeStates, type Actor, type Deps, type PublicWorkflow } from '../services/index.ts'
import { workflowToRest } from './mappers.ts'

/** Workflows as REST answers them, with their facts (cluster name, run outcomes) read in one go. */
export async function workflowsToRest(deps: Deps, workflows: readonly PublicWorkflow[]) {
  const facts = await workflowFacts(deps, workflows)
  return workflows.map((w) => workflowToRest(w, facts.get(w.id)!))
}

export async function workflowAnswer(deps: Deps, workflow: PublicWorkflow) {
  return (await workflowsToRest(deps, [workflow]))[0]!
}

/** One workflow with each node's last status in `data._status` (GET /workflows/:id, the stream's metadata). */
export async function workflowWithStatuses(deps: Deps, actor: Actor, workflow: PublicWorkflow) {
  const [facts, statuses] = await Promise.all([workflowFacts(deps, [workflow]), workflowNodeStates(deps, actor, workflow.id)])
  return workflowToRest(workflow, facts.get(workflow.id)!, statuses)
}
