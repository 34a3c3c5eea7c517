import { AppsV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node'
import { expect, test, type Page } from '@playwright/test'
import { gql, signInAs } from './support/seed'

// Fixes that change the design's shape, in the diagnostics panel, against the control plane the
// e2e API was started with (the `sandbox` cluster): an edge added (connect), a node added with
// its edge (a missing ConfigMap). The preview names what the fix adds; "Apply and run" turns the
// node green.
test.describe.configure({ mode: 'serial' })

const SHOTS = 'e2e/screenshots'
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` })
const node = (page: Page, name: string) => page.getByTestId(`node-${name}`)
const suffix = Date.now().toString(36).slice(-5)

type Request = Parameters<typeof gql>[0]

async function workflowOnSandbox(request: Request, name: string, nodes: unknown[], edges: unknown[] = []) {
  const email = `fix-${suffix}-${Math.random().toString(36).slice(2, 8)}@example.test`
  const reg = await gql(request, `mutation($e: String!) { register(email: $e, password: "correct horse battery") { ... on MutationRegisterSuccess { data { token user { id email name } } } } }`, { e: email })
  const user = reg.register.data as { token: string; user: { id: string; email: string; name: string } }
  const c = await gql(request, `{ clusters { id name } }`, {}, user.token)
  const sandbox = (c.clusters as { id: string; name: string }[]).find((x) => x.name === 'sandbox')!
  const w = await gql(request, `mutation($n: String!, $c: String!) { createWorkflow(name: $n, clusterId: $c) { ... on MutationCreateWorkflowSuccess { data { id } } } }`, { n: name, c: sandbox.id }, user.token)
  const id = w.createWorkflow.data.id as string
  await gql(request, `mutation($id: ID!, $nodes: JSON!, $edges: JSON!) { saveWorkflow(id: $id, nodes: $nodes, edges: $edges, revision: 0) { __typename } }`, { id, nodes, edges }, user.token)
  await gql(request, `mutation($id: ID!) { setWorkflowStatus(id: $id, status: PUBLISHED) { __typename } }`, { id }, user.token)
  return { user, id }
}

async function openDiagnostics(page: Page, name: string) {
  await node(page, name).click()
  await page.getByRole('tab', { name: 'Diagnostics' }).click()
}

test('a Service connected to nothing: the fix previews the edge it adds, and "Apply and run" turns it green', async ({ page, request }) => {
  test.setTimeout(180_000)
  const name = `api-${suffix}`
  const svc = `front-${suffix}`
  // Names that do not match: the workload it was meant for is the one with the port it sends to.
  const { user, id } = await workflowOnSandbox(request, name, [
    { id: 'd', type: 'deployment', position: { x: 0, y: 0 }, data: { name, image: 'nginx:1.27', replicas: 1, ports: [{ containerPort: 8080 }] } },
    { id: 'o', type: 'deployment', position: { x: 0, y: 200 }, data: { name: `worker-${suffix}`, image: 'nginx:1.27', replicas: 1 } },
    { id: 's', type: 'service', position: { x: 300, y: 0 }, data: { name: svc, port: 80, targetPort: 8080 } },
  ])
  await signInAs(page, user)
  await page.goto(`/workflows/${id}`)
  await expect(page.locator('.react-flow__edge')).toHaveCount(0)
  await openDiagnostics(page, svc)
  const finding = page.getByTestId('finding-service.not-connected')
  await expect(finding).toContainText(`Suggested fix: Route to "${name}"`)
  await finding.getByRole('button', { name: 'Preview fix' }).click()
  const preview = finding.getByLabel('Fix preview')
  await expect(preview).toContainText(`Added edge ${svc} → ${name}`)
  await shot(page, '80-diagnostics-connect-preview')
  await preview.getByRole('button', { name: 'Apply and run' }).click()
  // The run it started takes over the dock (the finding goes once the run deploys the fix).
  await expect(page.getByRole('region', { name: 'Run progress' })).toContainText('Run of version 1', { timeout: 15_000 })
  await expect(page.locator('.react-flow__edge')).toHaveCount(1, { timeout: 15_000 })
  await expect(page.getByRole('region', { name: 'Run progress' }).locator('.run-badge')).toHaveText('Completed', { timeout: 90_000 })
  await expect(node(page, svc)).toHaveAttribute('data-health', 'healthy')
  await expect(node(page, name)).toHaveAttribute('data-health', 'healthy')
  await shot(page, '81-diagnostics-connect-applied')
})

test('a ConfigMap nobody creates (the Deployment edited outside KubeOrch): the fix previews the node and edge it adds; applied and run, both are green', async ({ page, request }) => {
  test.setTimeout(180_000)
  const name = `web-${suffix}`
  const { user, id } = await workflowOnSandbox(request, name, [
    { id: 'w', type: 'deployment', position: { x: 300, y: 0 }, data: { name, image: 'nginx:1.27', replicas: 1 } },
  ])
  const run = await gql(request, `mutation($id: ID!) { runWorkflow(workflowId: $id) { __typename ... on MutationRunWorkflowSuccess { data { runId } } } }`, { id }, user.token)
  const runId = run.runWorkflow.data.runId as string
  await expect.poll(async () => (await gql(request, `query($id: ID!, $r: ID!) { run(workflowId: $id, runId: $r) { ... on QueryRunSuccess { data { status } } } }`, { id, r: runId }, user.token)).run.data.status.toLowerCase(), { timeout: 60_000 }).toBe('completed')

  const kc = new KubeConfig()
  kc.loadFromFile(process.env.E2E_KUBECONFIG!)
  await kc.makeApiClient(AppsV1Api).patchNamespacedDeployment(
    { name, namespace: 'default', body: [{ op: 'add', path: '/spec/template/spec/containers/0/envFrom', value: [{ configMapRef: { name: `flags-${suffix}` } }] }] },
    setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
  )

  await signInAs(page, user)
  await page.goto(`/workflows/${id}`)
  await expect(node(page, name)).toHaveAttribute('data-health', 'error', { timeout: 60_000 })
  await expect(node(page, name).locator('.kind-node-cause')).toContainText(`CreateContainerConfigError: configmap "flags-${suffix}" not found`)
  await openDiagnostics(page, name)
  const finding = page.getByTestId('finding-config.configmap-missing')
  await expect(finding).toContainText(`Suggested fix: Add the ConfigMap "flags-${suffix}"`)
  await finding.getByRole('button', { name: 'Preview fix' }).click()
  const preview = finding.getByLabel('Fix preview')
  await expect(preview).toContainText(`Added configmap “flags-${suffix}”`)
  await expect(preview).toContainText(`Added edge flags-${suffix} → ${name}`)
  await shot(page, '82-diagnostics-add-node-preview')
  await preview.getByRole('button', { name: 'Apply and run' }).click()
  await expect(node(page, `flags-${suffix}`)).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('region', { name: 'Run progress' }).locator('.run-badge')).toHaveText('Completed', { timeout: 90_000 })
  await expect(node(page, name)).toHaveAttribute('data-health', 'healthy')
  await expect(node(page, `flags-${suffix}`)).toHaveAttribute('data-health', 'healthy')
  await shot(page, '83-diagnostics-add-node-applied')
})
