import { compareGraphs, compareManifests } from '@kubeorch/domain'
import { NotFoundError } from '../../errors.ts'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadWorkflow } from '../workflows/workflow-access.ts'
import { compareVersionsInput } from './version-input.ts'

/** Design diff (nodes, edges, fields) and manifest diff between two versions of one workflow. */
export async function compareVersions(deps: Deps, actor: Actor, workflowId: string, input: unknown) {
  const { v1, v2, includePosition } = parseInput(compareVersionsInput, input)
  const wf = await loadWorkflow(deps, actor, workflowId, 'view')
  const [a, b] = await Promise.all([renderingOf(deps, wf.id, v1), renderingOf(deps, wf.id, v2)])
  return {
    v1,
    v2,
    graph: compareGraphs(a.graph, b.graph, { includePosition }),
    manifests: !a.manifests.ok
      ? { error: a.manifests.error }
      : !b.manifests.ok
        ? { error: b.manifests.error }
        : compareManifests(a.manifests.objects, b.manifests.objects, deps.versionRenderings.text),
    /** The two graphs as stored (the REST adapter shows KubeOrch's node-level diff from them). */
    graphs: { from: a.graph, to: b.graph },
  }
}

async function renderingOf(deps: Deps, workflowId: string, version: number) {
  const row = await deps.db.workflowVersion.findUnique({ where: { workflowId_version: { workflowId, version } }, select: { id: true } })
  if (!row) throw new NotFoundError(`version ${version}`)
  return deps.versionRenderings.get(deps.db, row.id)
}
