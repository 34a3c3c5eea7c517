import {
  createCluster,
  defaultClusterId,
  deleteCluster,
  getCluster,
  getDefaultCluster,
  listClusters,
  setDefaultCluster,
  testCluster,
  updateCluster,
  type PublicCluster,
} from '../services/index.ts'
import { ValidationError } from '../errors.ts'
import { clusterFromKubeorch, isKubeorchCluster } from './kubeorch/cluster-in.ts'
import { clusterToRest, kubeorchCluster } from './mappers.ts'
import type { Route } from './router.ts'

type Body = Record<string, unknown>
const obj = (b: unknown): Body => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {})

/** Legacy body → service input: connection fields sit at the top level in snake_case. */
function legacyInput(b: Body) {
  const has = (k: string) => b[k] !== undefined
  const connection = has('kubeconfig')
    ? { kubeconfig: b.kubeconfig, context: b.context }
    : has('server') || has('token')
      ? { server: b.server, token: b.token, caData: b.ca_data, insecureSkipTlsVerify: b.insecure_skip_tls_verify }
      : undefined
  return { name: b.name, description: b.description, connection }
}

/** The service's connection fields, named as KubeOrch's form sends them (legacy bodies keep `connection.*`). */
const KUBEORCH_FIELDS: Record<string, (string | number)[]> = {
  kubeconfig: ['credentials', 'kubeconfig'],
  context: ['credentials', 'context'],
  token: ['credentials', 'token'],
  caData: ['credentials', 'caData'],
  server: ['server'],
}
function renameConnectionIssues(e: unknown): unknown {
  if (!(e instanceof ValidationError)) return e
  return new ValidationError(
    e.issues.map((i) => (i.path[0] === 'connection' && KUBEORCH_FIELDS[String(i.path[1])] ? { ...i, path: [...KUBEORCH_FIELDS[String(i.path[1])]!, ...i.path.slice(2)] } : i)),
  )
}

/**
 * A write answered both ways: our fields at the top level (as legacy scripts read them) and
 * KubeOrch's `{ message, cluster }`, whose status uses KubeOrch's words.
 */
async function written(deps: Parameters<Route['handler']>[0]['deps'], actor: Parameters<Route['handler']>[0]['actor'], c: PublicCluster, message: string) {
  const isDefault = (await defaultClusterId(deps, actor)) === c.id
  return { ...clusterToRest(c, isDefault), message, cluster: kubeorchCluster(c, isDefault) }
}

export const clusterRoutes: Route[] = [
  {
    method: 'GET', path: '/clusters', summary: 'List your clusters → { clusters, default: <id or ""> }',
    handler: async ({ deps, actor }) => {
      const [clusters, def] = await Promise.all([listClusters(deps, actor), defaultClusterId(deps, actor)])
      return { clusters: clusters.map((c) => kubeorchCluster(c, c.id === def)), default: def ?? '' }
    },
  },
  {
    method: 'POST', path: '/clusters', status: 201,
    summary: 'Register a cluster: { name, description?, kubeconfig + context? | server + token + ca_data? }, or KubeOrch\'s { name, displayName, server, authType, credentials: { token, caData | clientCertData, clientKeyData | kubeconfig, context } }; tested on create',
    handler: async ({ deps, actor, body }) => {
      const b = obj(body)
      const kubeorch = isKubeorchCluster(b)
      const input = kubeorch ? clusterFromKubeorch(b, { creating: true }) : legacyInput(b)
      const created = await createCluster(deps, actor, input).catch((e) => Promise.reject(kubeorch ? renameConnectionIssues(e) : e))
      return written(deps, actor, created, 'Cluster added')
    },
  },
  {
    method: 'GET', path: '/clusters/default', summary: 'Your default cluster (404 when none is set)',
    handler: async ({ deps, actor }) => kubeorchCluster(await getDefaultCluster(deps, actor), true),
  },
  {
    method: 'GET', path: '/clusters/:id', summary: 'Get a cluster by id or name',
    handler: async ({ deps, actor, params }) => {
      const [c, def] = await Promise.all([getCluster(deps, actor, params.id!), defaultClusterId(deps, actor)])
      return kubeorchCluster(c, c.id === def)
    },
  },
  {
    method: 'PUT', path: '/clusters/:id', summary: 'Update a cluster { name?, description?, displayName?, credentials? (with authType, KubeOrch\'s shape) }; new credentials are tested',
    handler: async ({ deps, actor, params, body }) => {
      const b = obj(body)
      const kubeorch = isKubeorchCluster(b) || b.displayName !== undefined
      const input = kubeorch ? clusterFromKubeorch(b, { creating: false }) : legacyInput(b)
      const updated = await updateCluster(deps, actor, params.id!, input).catch((e) => Promise.reject(kubeorch ? renameConnectionIssues(e) : e))
      return written(deps, actor, updated, 'Cluster updated')
    },
  },
  {
    method: 'PUT', path: '/clusters/:id/default', summary: 'Make this cluster your default → { message, cluster }',
    handler: async ({ deps, actor, params }) => {
      const c = await setDefaultCluster(deps, actor, params.id!)
      return { message: `${c.name} is now the default cluster`, cluster: kubeorchCluster(c, true) }
    },
  },
  {
    method: 'GET', path: '/clusters/:id/status', summary: 'The last connection check → { cluster, status, lastCheck, isStale (older than 2 min), isOnline }',
    handler: async ({ deps, actor, params }) => {
      const c = await getCluster(deps, actor, params.id!)
      const checked = c.lastCheckedAt
      return {
        cluster: c.name,
        status: kubeorchCluster(c, false).status,
        message: c.statusMessage,
        lastCheck: checked?.toISOString() ?? null,
        isStale: !checked || Date.now() - checked.getTime() > 2 * 60_000,
        isOnline: c.status === 'CONNECTED',
      }
    },
  },
  {
    method: 'POST', path: '/clusters/:id/test', summary: 'Test the connection (version, nodes) and record the status',
    handler: async ({ deps, actor, params }) => {
      const c = await testCluster(deps, actor, params.id!)
      return written(deps, actor, c, c.status === 'CONNECTED' ? 'Connection successful' : 'Connection failed')
    },
  },
  {
    method: 'DELETE', path: '/clusters/:id', summary: 'Delete a cluster no workflow targets',
    handler: async ({ deps, actor, params }) => void (await deleteCluster(deps, actor, params.id!)),
  },
]
