import type { APIRequestContext, Page } from '@playwright/test'

export const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT}`
export const WEB_URL = `http://127.0.0.1:${process.env.E2E_WEB_PORT}`
export const PASSWORD = 'correct horse battery'

export async function gql<T = any>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await request.post(`${API_URL}/graphql`, {
    data: { query, variables },
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  })
  const body = await res.json()
  if (body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data as T
}

export type Seeded = { token: string; user: { id: string; email: string; name: string }; workflowId: string }

/** A user with one workflow holding `graph`, made through the API as any client would. */
export async function seedWorkflow(request: APIRequestContext, graph: { nodes: unknown[]; edges: unknown[] }, name = 'seeded'): Promise<Seeded> {
  const email = `seed-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`
  const reg = await gql(request, `mutation($e: String!) { register(email: $e, password: "correct horse battery") { __typename ... on MutationRegisterSuccess { data { token user { id email name } } } } }`, { e: email })
  const { token, user } = reg.register.data
  const c = await gql(request, `mutation { createCluster(input: { name: "seed" }) { ... on MutationCreateClusterSuccess { data { id } } } }`, {}, token)
  const w = await gql(
    request,
    `mutation($n: String!, $c: String!) { createWorkflow(name: $n, clusterId: $c) { ... on MutationCreateWorkflowSuccess { data { id } } } }`,
    { n: name, c: c.createCluster.data.id },
    token,
  )
  const workflowId = w.createWorkflow.data.id
  const saved = await gql(
    request,
    `mutation($id: ID!, $nodes: JSON!, $edges: JSON!) { saveWorkflow(id: $id, nodes: $nodes, edges: $edges, revision: 0) { __typename ... on Error { message } } }`,
    { id: workflowId, ...graph },
    token,
  )
  if (saved.saveWorkflow.__typename !== 'MutationSaveWorkflowSuccess') throw new Error(JSON.stringify(saved))
  return { token, user, workflowId }
}

/**
 * Signs the browser in as the web app does: the signIn mutation from the web origin, through the
 * page's own request context, so the API's httpOnly session cookie lands in the browser's jar.
 */
export async function signInAs(page: Page, seeded: { user: { email: string } }, password = PASSWORD) {
  const res = await page.context().request.post(`${API_URL}/graphql`, {
    data: { query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on Error { message } } }`, variables: { e: seeded.user.email, p: password } },
    headers: { 'content-type': 'application/json', origin: WEB_URL },
  })
  const body = await res.json()
  if (body.data?.signIn?.__typename !== 'MutationSignInSuccess') throw new Error(`sign-in failed: ${JSON.stringify(body)}`)
}

/** `count` deployments, each behind its own service: 2×count nodes, count edges, laid out in a grid. */
export function largeGraph(count: number) {
  const nodes: unknown[] = []
  const edges: unknown[] = []
  for (let i = 0; i < count; i++) {
    const x = (i % 10) * 520
    const y = Math.floor(i / 10) * 170
    nodes.push({ id: `d${i}`, type: 'deployment', position: { x: x + 260, y }, data: { name: `app-${i}`, image: 'nginx:1.27', replicas: 1, ports: [{ containerPort: 80 }] } })
    nodes.push({ id: `s${i}`, type: 'service', position: { x, y }, data: { name: `svc-${i}`, port: 80 } })
    edges.push({ id: `e${i}`, source: `s${i}`, target: `d${i}` })
  }
  return { nodes, edges }
}
