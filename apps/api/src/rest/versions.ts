import { compareVersions, createVersion, getVersion, listVersions, restoreVersion, updateVersion } from '../services/index.ts'
import { pageToRest, versionToRest } from './mappers.ts'
import type { Route } from './router.ts'

export const versionRoutes: Route[] = [
  {
    method: 'GET', path: '/workflows/:id/versions', summary: 'List ?page&limit → { versions, total, page, limit }, newest first',
    handler: async ({ deps, actor, params, query }) => pageToRest('versions', await listVersions(deps, actor, params.id!, query), versionToRest),
  },
  {
    method: 'POST', path: '/workflows/:id/versions', summary: 'Create a manual version { name?, tag?, description? }', status: 201,
    handler: async ({ deps, actor, params, body }) => versionToRest(await createVersion(deps, actor, params.id!, body ?? {})),
  },
  {
    method: 'GET', path: '/workflows/:id/versions/compare', summary: 'Compare ?v1&v2&include_position',
    handler: async ({ deps, actor, params, query }) => {
      const c = await compareVersions(deps, actor, params.id!, { v1: query.v1, v2: query.v2, includePosition: query.include_position === 'true' })
      return { v1: c.v1, v2: c.v2, graph: c.graph, manifests: c.manifests }
    },
  },
  {
    method: 'GET', path: '/workflows/:id/versions/:version', summary: 'Get a version',
    handler: async ({ deps, actor, params }) => versionToRest(await getVersion(deps, actor, params.id!, params.version)),
  },
  {
    method: 'PUT', path: '/workflows/:id/versions/:version', summary: 'Update { name?, tag?, description? }',
    handler: async ({ deps, actor, params, body }) => versionToRest(await updateVersion(deps, actor, params.id!, params.version, body)),
  },
  {
    method: 'POST', path: '/workflows/:id/versions/:version/restore', summary: 'Restore: new version N+1 with this graph; not deployed', status: 201,
    handler: async ({ deps, actor, params }) => {
      const v = await restoreVersion(deps, actor, params.id!, params.version)
      return { version: versionToRest(v), restored_from: v.restoredFrom }
    },
  },
]
