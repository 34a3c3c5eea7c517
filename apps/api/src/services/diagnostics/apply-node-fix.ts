import { z } from 'zod'
import { meets } from '../auth/scopes.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { refuseIfRunActive, startRun } from '../runs/start-run.ts'
import { saveWorkflow } from '../workflows/save-workflow.ts'
import { snapshotVersion } from '../versions/snapshot-version.ts'
import type { PublicWorkflow } from '../workflows/public-workflow.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { previewNodeFix, type FixPreview } from './preview-node-fix.ts'

export const applyFixInput = z.strictObject({
  /** Start a run once the fix is saved. */
  run: z.boolean().default(false),
  /** The canvas revision the client saw; a newer canvas is a conflict (as for any save). */
  revision: z.number().int().min(0).optional(),
})

export type AppliedFix = FixPreview & { workflow: PublicWorkflow; run: { runId: string; version: number } | null }

/**
 * Applies a suggested fix by saving the patched design through the ordinary save (validation,
 * linked fields, revision check) and optionally starting a run. Edit access is checked before
 * the cluster is read. There is no way to apply anything but a fix the detectors offer now.
 * With `run`, a run already active refuses the whole request before anything is saved: the
 * person asked for "fix and deploy", and a saved fix without its run would be half of that (so an
 * API token without the run scope is refused before anything too).
 */
export async function applyNodeFix(deps: Deps, actor: Actor, workflowId: string, nodeId: string, fixId: string, input: unknown): Promise<AppliedFix> {
  const { run, revision } = parseInput(applyFixInput, input ?? {})
  // Saving needs `write` (checked where the request came in); running too needs `run`.
  if (run) meets(actor, 'run')
  const wf = await loadWorkflow(deps, actor, workflowId, 'edit')
  if (run) await refuseIfRunActive(deps, wf.id)
  const preview = await previewNodeFix(deps, actor, workflowId, nodeId, fixId)
  const workflow = await saveWorkflow(deps, actor, workflowId, { ...preview.graph, revision: revision ?? preview.revision })
  const fix = { title: preview.fix.title, description: preview.fix.description }
  // The fixed design is kept as a version named after the fix: the run's own, or one of its own.
  const started = run ? await startRun(deps, actor, workflowId, {}, 'MANUAL', { fix }) : null
  if (!started) {
    const version = await deps.db.$transaction((tx) => snapshotVersion(tx, workflowId, 'canvas', { automatic: false, origin: 'FIX', name: fix.title, description: fix.description, createdById: actor.userId }))
    deps.events.publish({ type: 'version_created', workflowId, version: version.version })
  }
  return { ...preview, workflow, run: started && { runId: started.runId, version: started.version } }
}
