import { createCluster, deleteCluster, getCluster, listClusters, updateCluster } from '../services/index.ts'
import { clusterToRest } from './mappers.ts'
import type { Route } from './router.ts'

export const clusterRoutes: Route[] = [
  {
    method: 'GET', path: '/clusters', summary: 'List your clusters',
    handler: async ({ deps, actor }) => ({ clusters: (await listClusters(deps, actor)).map(clusterToRest) }),
  },
  {
    method: 'POST', path: '/clusters', summary: 'Register a cluster { name, description? }', status: 201,
    handler: async ({ deps, actor, body }) => clusterToRest(await createCluster(deps, actor, body)),
  },
  {
    method: 'GET', path: '/clusters/:id', summary: 'Get a cluster by id or name',
    handler: async ({ deps, actor, params }) => clusterToRest(await getCluster(deps, actor, params.id!)),
  },
  {
    method: 'PUT', path: '/clusters/:id', summary: 'Update a cluster { name?, description? }',
    handler: async ({ deps, actor, params, body }) => clusterToRest(await updateCluster(deps, actor, params.id!, body)),
  },
  {
    method: 'DELETE', path: '/clusters/:id', summary: 'Delete a cluster no workflow targets',
    handler: async ({ deps, actor, params }) => void (await deleteCluster(deps, actor, params.id!)),
  },
]
