import { sampleGraph } from '../../support/sample-graph.ts'
import type { TestApp } from '../../support/test-app.ts'

export type OwnerFixture = Awaited<ReturnType<typeof createOwnerFixture>>

/**
 * A user with one of everything a route can point at: a cluster (no credentials, so runs fail
 * fast without traffic), a published workflow with a graph, a manual version, an ended run,
 * a schedule and a webhook trigger, and an API token. `marker` is in every name, so an answer
 * that shows this user's data can be spotted.
 */
export async function createOwnerFixture(t: TestApp, marker: string) {
  const user = await t.signUp(marker)
  const must = (res: { status: number; body: any }, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  const token = user.token
  const cluster = must(await t.rest('POST', '/v1/api/clusters', { token, body: { name: `${marker}-cluster`, description: `${marker} cluster` } }), 'cluster')
  const wf = must(await t.rest('POST', '/v1/api/workflows', { token, body: { name: `${marker}-wf`, cluster_id: cluster.id, description: `${marker} workflow` } }), 'workflow')
  const workflowId = wf.id as string
  must(await t.rest('POST', `/v1/api/workflows/${workflowId}/save`, { token, body: { ...sampleGraph(), revision: 0 } }), 'save')
  const version = must(await t.rest('POST', `/v1/api/workflows/${workflowId}/versions`, { token, body: { name: `${marker}-v`, tag: marker } }), 'version')
  must(await t.rest('PUT', `/v1/api/workflows/${workflowId}/status`, { token, body: { status: 'published' } }), 'publish')
  const run = must(await t.rest('POST', `/v1/api/workflows/${workflowId}/run`, { token, body: { trigger_data: { marker } } }), 'run')
  await t.deps.background.drain()
  const schedule = must(await t.rest('POST', `/v1/api/workflows/${workflowId}/triggers`, { token, body: { kind: 'schedule', cron: '0 3 * * *', name: `${marker}-nightly` } }), 'schedule')
  const webhook = must(await t.rest('POST', `/v1/api/workflows/${workflowId}/triggers`, { token, body: { kind: 'webhook', name: `${marker}-hook` } }), 'webhook')
  const apiToken = must(await t.rest('POST', '/v1/api/auth/tokens', { token, body: { name: `${marker}-token`, scopes: ['read', 'write', 'run'] } }), 'api token')
  const sessions = must(await t.rest('GET', '/v1/api/auth/sessions', { token }), 'sessions')
  return {
    ...user,
    marker,
    clusterId: cluster.id as string,
    clusterName: cluster.name as string,
    workflowId,
    versionNumber: version.version as number,
    versionId: version.id as string,
    runId: run.run_id as string,
    scheduleId: schedule.id as string,
    webhookId: webhook.id as string,
    webhookUrl: webhook.url as string,
    webhookSecret: webhook.secret as string,
    apiTokenId: apiToken.id as string,
    apiToken: apiToken.token as string,
    sessionId: (sessions.sessions as { id: string; current: boolean }[]).find((x) => x.current)!.id,
  }
}

/**
 * A valid-looking body for each write route (so a probe or a fuzz case gets past shape checks to
 * the part under test), and the type of each field, for corrupting exactly one.
 */
export type FieldType = 'string' | 'int' | 'bool' | 'enum' | 'array' | 'json'
export const ROUTE_BODIES: Record<string, { body: Record<string, unknown>; fields: Record<string, FieldType> }> = {
  'POST /auth/register': { body: { email: 'fuzz@example.test', password: 'correct horse battery' }, fields: { email: 'string', password: 'string', name: 'string' } },
  'POST /auth/login': { body: { email: 'fuzz@example.test', password: 'correct horse battery' }, fields: { email: 'string', password: 'string' } },
  'POST /auth/tokens': { body: { name: 'script', scopes: ['read'] }, fields: { name: 'string', scopes: 'array', expires_in_days: 'int' } },
  'POST /workflows/:id/nodes/:nodeId/terminal/ticket': { body: {}, fields: {} },
  'POST /clusters': { body: { name: 'probe-cluster' }, fields: { name: 'string', description: 'string' } },
  'PUT /clusters/:id': { body: { name: 'probe-renamed' }, fields: { name: 'string', description: 'string' } },
  'POST /workflows': { body: { name: 'probe', cluster_id: 'c1' }, fields: { name: 'string', cluster_id: 'string', description: 'string' } },
  'PUT /workflows/:id': { body: { name: 'probe-renamed' }, fields: { name: 'string', description: 'string', cluster_id: 'string' } },
  'PUT /workflows/:id/status': { body: { status: 'draft' }, fields: { status: 'enum' } },
  'POST /workflows/:id/clone': { body: { name: 'probe-copy' }, fields: { name: 'string' } },
  'POST /workflows/:id/save': { body: { ...sampleGraph(), revision: 0 }, fields: { nodes: 'array', edges: 'array', revision: 'int' } },
  'POST /workflows/:id/run': { body: {}, fields: {} },
  'POST /workflows/:id/versions': { body: { name: 'probe-v' }, fields: { name: 'string', tag: 'string', description: 'string' } },
  'PUT /workflows/:id/versions/:version': { body: { tag: 'probe' }, fields: { name: 'string', tag: 'string', description: 'string' } },
  'POST /workflows/:id/triggers': { body: { kind: 'schedule', cron: '0 4 * * *' }, fields: { kind: 'enum', cron: 'string', timezone: 'string', name: 'string', enabled: 'bool' } },
  'PUT /workflows/:id/triggers/:triggerId': { body: { name: 'probe' }, fields: { name: 'string', cron: 'string', timezone: 'string', enabled: 'bool' } },
  'POST /workflows/:id/nodes/:nodeId/diagnostics/fixes/:fixId/apply': { body: {}, fields: { run: 'bool', revision: 'int' } },
}

/** The fixture's own id for a route's path parameter (what "a valid id here" means for that route). */
export function ownParam(path: string, key: string, f: OwnerFixture): string {
  if (key === 'id' && path.startsWith('/clusters')) return f.clusterId
  if (key === 'id' && path.startsWith('/auth/tokens')) return f.apiTokenId
  if (key === 'id' && path.startsWith('/auth/sessions')) return f.sessionId
  if (key === 'id') return f.workflowId
  const byKey: Record<string, string> = {
    runId: f.runId,
    version: String(f.versionNumber),
    triggerId: f.scheduleId,
    nodeId: 'web',
    fixId: 'no-such-fix',
    token: 'wh_none',
  }
  const v = byKey[key]
  if (v === undefined) throw new Error(`no fixture value for :${key} in ${path}: add it to ownParam`)
  return v
}

export const fillPath = (path: string, value: (key: string) => string) =>
  path.replace(/:(\w+)/g, (_m, k: string) => value(k))

/** The fixture's own value for a GraphQL argument of a root field (undefined: not an id argument). */
export function ownArg(opName: string, argName: string, f: OwnerFixture): string | number | undefined {
  switch (argName) {
    case 'id':
      if (/cluster/i.test(opName)) return f.clusterId
      if (/token/i.test(opName)) return f.apiTokenId
      if (/session/i.test(opName)) return f.sessionId
      return f.workflowId
    case 'workflowId':
      return f.workflowId
    case 'runId':
      return f.runId
    case 'triggerId':
      return f.scheduleId
    case 'version':
    case 'v1':
    case 'v2':
      return f.versionNumber
    case 'nodeId':
      return 'web'
    case 'fixId':
      return 'no-such-fix'
    default:
      return undefined
  }
}
