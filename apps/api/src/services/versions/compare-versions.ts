import { DomainError, compareGraphs, compareManifests, renderManifests, type WorkflowGraph } from '@kubeorch/domain'
import type { WorkflowVersion } from '@kubeorch/db'
import type { Actor, Deps } from '../context.ts'
import { parseInput } from '../parse-input.ts'
import { loadVersion } from './get-version.ts'
import { compareVersionsInput } from './version-input.ts'

/** Design diff (nodes, edges, fields) and manifest diff between two versions of one workflow. */
export async function compareVersions(deps: Deps, actor: Actor, workflowId: string, input: unknown) {
  const { v1, v2, includePosition } = parseInput(compareVersionsInput, input)
  const [a, b] = await Promise.all([loadVersion(deps, actor, workflowId, v1), loadVersion(deps, actor, workflowId, v2)])
  const graph = (v: WorkflowVersion): WorkflowGraph => ({ nodes: v.nodes, edges: v.edges }) as WorkflowGraph
  return {
    v1,
    v2,
    graph: compareGraphs(graph(a), graph(b), { includePosition }),
    manifests: manifestDiff(graph(a), graph(b), a.workflowId),
  }
}

/**
 * The manifest-level diff, or why there is none: a version saved mid-design (an ingress path
 * without a service, say) cannot be rendered, and that must not hide the design diff.
 */
function manifestDiff(a: WorkflowGraph, b: WorkflowGraph, workflowId: string) {
  // Secret values are left out of the rendering: a diff never shows them.
  const ctx = { workflowId }
  try {
    return compareManifests(renderManifests(a, ctx), renderManifests(b, ctx))
  } catch (e) {
    if (e instanceof DomainError) return { error: `manifests cannot be rendered: ${e.message}` }
    throw e
  }
}
