import { compareVersions, createVersion, getVersion, getWorkflow, listVersions, restoreVersion, updateVersion, type PublicVersion } from '../services/index.ts'
import { kubeorchDiff } from './kubeorch/version-diff.ts'
import { readBag } from './kubeorch/node-out.ts'
import { pageToRest, versionToRest } from './mappers.ts'
import type { Route } from './router.ts'
import { workflowAnswer } from './workflow-answers.ts'

/**
 * KubeOrch answers a version write with { message, version: {…} }, where ours has the version's
 * fields at the top level, `version` being its number: the two cannot share one body. A version
 * of a canvas written in KubeOrch's node shape is answered in KubeOrch's; any other in ours.
 */
function versionWritten(v: PublicVersion, message: string) {
  const answer = versionToRest(v)
  const kubeorch = v.nodes.some((n) => typeof n.data === 'object' && n.data !== null && readBag(n.data)?.kubeorch)
  return kubeorch ? { message, version: answer } : { ...answer, message }
}

export const versionRoutes: Route[] = [
  {
    method: 'GET', path: '/workflows/:id/versions', summary: 'List ?page&limit → { versions, total, page, limit }, newest first',
    handler: async ({ deps, actor, params, query }) => pageToRest('versions', await listVersions(deps, actor, params.id!, query), versionToRest),
  },
  {
    method: 'POST', path: '/workflows/:id/versions', status: 201,
    summary: 'Create a manual version { name?, tag?, description? } → the version and a message (a canvas saved in KubeOrch\'s shape: { message, version })',
    handler: async ({ deps, actor, params, body }) => versionWritten(await createVersion(deps, actor, params.id!, body ?? {}), 'Version created'),
  },
  {
    method: 'GET', path: '/workflows/:id/versions/compare',
    summary: 'Compare ?v1&v2&include_position → { v1, v2, graph, manifests } and KubeOrch\'s from_version, to_version, added/removed/modified_nodes, added/removed_edges',
    handler: async ({ deps, actor, params, query }) => {
      const c = await compareVersions(deps, actor, params.id!, { v1: query.v1, v2: query.v2, includePosition: query.include_position === 'true' })
      return { v1: c.v1, v2: c.v2, graph: c.graph, manifests: c.manifests, ...kubeorchDiff(c) }
    },
  },
  {
    method: 'GET', path: '/workflows/:id/versions/:version', summary: 'Get a version',
    handler: async ({ deps, actor, params }) => versionToRest(await getVersion(deps, actor, params.id!, params.version)),
  },
  {
    method: 'PUT', path: '/workflows/:id/versions/:version', summary: 'Update { name?, tag?, description? } → the version and a message (as for create)',
    handler: async ({ deps, actor, params, body }) => versionWritten(await updateVersion(deps, actor, params.id!, params.version, body), 'Version updated'),
  },
  {
    method: 'POST', path: '/workflows/:id/versions/:version/restore', status: 201,
    summary: 'Restore: new version N+1 with this graph, made the canvas; not deployed → { message, version, restored_from, workflow }',
    handler: async ({ deps, actor, params }) => {
      const v = await restoreVersion(deps, actor, params.id!, params.version)
      const workflow = await workflowAnswer(deps, await getWorkflow(deps, actor, params.id!))
      return { message: `Restored from version ${v.restoredFrom}`, version: versionToRest(v), restored_from: v.restoredFrom, workflow }
    },
  },
]
