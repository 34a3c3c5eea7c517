import { createCluster, deleteCluster, getCluster, listClusters, testCluster, updateCluster } from '../services/index.ts'
import { clusterToRest } from './mappers.ts'
import type { Route } from './router.ts'

type Body = Record<string, unknown>
/** Legacy body → service input: connection fields sit at the top level in snake_case. */
function clusterInput(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as Body
  const has = (k: string) => b[k] !== undefined
  const connection = has('kubeconfig')
    ? { kubeconfig: b.kubeconfig, context: b.context }
    : has('server') || has('token')
      ? { server: b.server, token: b.token, caData: b.ca_data, insecureSkipTlsVerify: b.insecure_skip_tls_verify }
      : undefined
  return { name: b.name, description: b.description, connection }
}

export const clusterRoutes: Route[] = [
  {
    method: 'GET', path: '/clusters', summary: 'List your clusters',
    handler: async ({ deps, actor }) => ({ clusters: (await listClusters(deps, actor)).map(clusterToRest) }),
  },
  {
    method: 'POST', path: '/clusters', summary: 'Register a cluster { name, description?, kubeconfig + context? | server + token + ca_data? }; tested on create', status: 201,
    handler: async ({ deps, actor, body }) => clusterToRest(await createCluster(deps, actor, clusterInput(body))),
  },
  {
    method: 'GET', path: '/clusters/:id', summary: 'Get a cluster by id or name',
    handler: async ({ deps, actor, params }) => clusterToRest(await getCluster(deps, actor, params.id!)),
  },
  {
    method: 'PUT', path: '/clusters/:id', summary: 'Update a cluster { name?, description? }',
    handler: async ({ deps, actor, params, body }) => clusterToRest(await updateCluster(deps, actor, params.id!, clusterInput(body))),
  },
  {
    method: 'POST', path: '/clusters/:id/test', summary: 'Test the connection (version, nodes) and record the status',
    handler: async ({ deps, actor, params }) => clusterToRest(await testCluster(deps, actor, params.id!)),
  },
  {
    method: 'DELETE', path: '/clusters/:id', summary: 'Delete a cluster no workflow targets',
    handler: async ({ deps, actor, params }) => void (await deleteCluster(deps, actor, params.id!)),
  },
]
