import { expect, test, type Page } from '@playwright/test'
import { UNSCHEDULABLE_REQUESTS } from '@kubeorch/testenv'
import { gql, signInAs } from './support/seed'

// Against the real control plane the e2e API was started with (the `sandbox` cluster): a
// Deployment no node can fit turns red after the scheduler's grace, diagnostics offer the
// lower-requests fix, and "Apply and run" turns it green; then its resource detail page.
test.describe.configure({ mode: 'serial' })

const SHOTS = 'e2e/screenshots'
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
const node = (page: Page, name: string) => page.getByTestId(`node-${name}`)
const suffix = Date.now().toString(36).slice(-5)
const name = `big-${suffix}`
let user: { token: string; user: { id: string; email: string; name: string } }
let workflowId = ''

test('an unschedulable Deployment turns red with the cause; the lower-requests fix, previewed and applied with a run, turns it green', async ({ page, request }) => {
  test.setTimeout(240_000)
  const email = `res-${suffix}@example.test`
  const reg = await gql(request, `mutation($e: String!) { register(email: $e, password: "correct horse battery") { ... on MutationRegisterSuccess { data { token user { id email name } } } } }`, { e: email })
  user = reg.register.data
  const c = await gql(request, `{ clusters { id name } }`, {}, user.token)
  const sandbox = (c.clusters as { id: string; name: string }[]).find((x) => x.name === 'sandbox')!
  const w = await gql(request, `mutation($n: String!, $c: String!) { createWorkflow(name: $n, clusterId: $c) { ... on MutationCreateWorkflowSuccess { data { id } } } }`, { n: name, c: sandbox.id }, user.token)
  workflowId = w.createWorkflow.data.id
  const nodes = [
    { id: 'big', type: 'deployment', position: { x: 0, y: 0 }, data: { name, image: 'nginx:1.27', replicas: 1, resources: { requests: { cpu: UNSCHEDULABLE_REQUESTS.cpu } } } },
  ]
  await gql(request, `mutation($id: ID!, $nodes: JSON!) { saveWorkflow(id: $id, nodes: $nodes, edges: [], revision: 0) { __typename } }`, { id: workflowId, nodes }, user.token)
  await gql(request, `mutation($id: ID!) { setWorkflowStatus(id: $id, status: PUBLISHED) { __typename } }`, { id: workflowId }, user.token)

  await signInAs(page, user)
  await page.goto(`/workflows/${workflowId}`)
  await page.getByRole('button', { name: 'Run' }).click()
  await expect(page.getByRole('region', { name: 'Run progress' }).getByRole('log', { name: 'Run log' })).toContainText('server-side dry-run passed', { timeout: 30_000 })

  // Within the grace the pod is only pending: the resource detail page shows it waiting, with
  // the scheduler's event, and follows the node live until it turns red.
  await node(page, name).click()
  await page.getByRole('complementary', { name: 'Settings' }).getByRole('link', { name: 'Resource details' }).click()
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}/nodes/big$`))
  const health = page.getByTestId('node-health')
  await expect(health).toHaveAttribute('data-health', /partial|unknown/)
  await expect(page.getByRole('table', { name: 'Pods' }).getByTestId('pod-row')).toHaveCount(1, { timeout: 20_000 })
  await expect(page.getByRole('table', { name: 'Pods' })).toContainText('not scheduled')
  await expect(page.getByRole('table', { name: 'Events' })).toContainText('FailedScheduling', { timeout: 20_000 })
  await shot(page, '70-resources-pending')
  await expect(health).toHaveAttribute('data-health', 'error', { timeout: 60_000 })
  await expect(health).toContainText(/Unschedulable|Insufficient cpu/)
  await shot(page, '71-resources-unschedulable-red')

  // The canvas: red card with the cause; the run failed on it.
  await page.getByRole('link', { name: 'Open canvas' }).click()
  await expect(node(page, name)).toHaveAttribute('data-health', 'error')
  await expect(node(page, name).locator('.kind-node-cause')).toContainText(/Unschedulable|Insufficient cpu/)
  await shot(page, '72-canvas-unschedulable-red')

  // Diagnostics: the finding, and the fix as a design diff (cpu 1000 → half a node).
  await node(page, name).click()
  await page.getByRole('tab', { name: 'Diagnostics' }).click()
  const finding = page.getByTestId('finding-unschedulable.insufficient-resources')
  await expect(finding).toContainText('No node can run')
  await expect(finding).toContainText('Lower the requests to fit a node')
  await finding.getByRole('button', { name: 'Preview fix' }).click()
  const preview = finding.getByLabel('Fix preview')
  await expect(preview).toContainText('Modified')
  await expect(preview).toContainText('resources.requests.cpu')
  await expect(preview).toContainText('1000')
  await shot(page, '73-diagnostics-lower-requests-preview')
  await preview.getByRole('button', { name: 'Apply and run' }).click()
  // The run it started takes over the dock.
  const panel = page.getByRole('region', { name: 'Run progress' })
  await expect(panel).toContainText('Run of version 2', { timeout: 15_000 })
  // The new run reschedules the pod with the lower request: green without a reload.
  await expect(node(page, name)).toHaveAttribute('data-health', 'healthy', { timeout: 90_000 })
  await expect(node(page, name)).toContainText('replicas available')
  await expect(panel.locator('.run-badge')).toHaveText('Completed', { timeout: 30_000 })
  await shot(page, '74-canvas-fixed-green')
  // The fix's version says it is one (issue 14, item 10), named after the fix, and is the deployed one.
  await page.getByRole('button', { name: 'Versions' }).click()
  const fixed = page.getByRole('complementary', { name: 'Versions' }).getByTestId('version-2')
  await expect(fixed).toHaveAttribute('data-origin', 'fix')
  await expect(fixed).toContainText(/Request|Lower|requests/i)
  await expect(fixed).toContainText('deployed')
})

test('the resource detail page of a healthy node: manifest beside the live object, pods with containers, events, logs and terminal', async ({ page }) => {
  await signInAs(page, user)
  await page.goto(`/workflows/${workflowId}`)
  await node(page, name).click()
  // The dock names the selected node on its node tabs, with a link to its resource details.
  await page.getByRole('tab', { name: 'Logs' }).click()
  await page.locator('.dock-tabs').getByRole('link', { name: 'Resource details' }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
  const health = page.getByTestId('node-health')
  await expect(health).toHaveAttribute('data-health', 'healthy')
  await expect(health).toContainText('replicas available')
  await expect(page.getByRole('region', { name: 'Overview' })).toContainText('Deployed version')

  // Rendered manifest (the fixed version) beside the live object, as YAML.
  const object = page.getByTestId(`object-Deployment-${name}`)
  const rendered = object.getByRole('figure').filter({ hasText: 'Rendered manifest' }).locator('pre')
  const live = object.getByRole('figure').filter({ hasText: 'Live object' }).locator('pre')
  await expect(object.getByRole('figure').first()).toContainText('Rendered manifest (version 2)')
  await expect(rendered).toContainText('kind: Deployment')
  await expect(rendered).toContainText(`name: ${name}`)
  await expect(rendered).not.toContainText('cpu: "1000"')
  await expect(rendered).not.toContainText('readyReplicas')
  await expect(live).toContainText('kind: Deployment')
  await expect(live).toContainText('uid:')
  await expect(live).toContainText('readyReplicas: 1')
  await expect(live).not.toContainText('managedFields')
  const [a, b] = [await rendered.boundingBox(), await live.boundingBox()]
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(5) // side by side
  expect(b!.x).toBeGreaterThan(a!.x + a!.width - 5)

  // Pods with their containers; events of the Deployment, its replica sets and pods.
  const pods = page.getByRole('table', { name: 'Pods' })
  await expect(pods.getByTestId('pod-row')).toHaveCount(1)
  await expect(pods.getByTestId('pod-row')).toContainText('Running')
  await expect(pods.getByTestId('pod-row')).toContainText('nginx:1.27')
  await expect(pods.getByTestId('pod-row')).toContainText('ready')
  await expect(pods.getByTestId('pod-row')).toContainText('0 restarts')
  const events = page.getByRole('table', { name: 'Events' })
  await expect(events).toContainText('ScalingReplicaSet')
  await expect(events).toContainText('Scheduled')
  await expect(events).toContainText('FailedScheduling')
  await shot(page, '75-resources-healthy')

  // The node's logs and a terminal: the dock's panels.
  const console = page.getByRole('region', { name: 'Logs and terminal' })
  await console.scrollIntoViewIfNeeded()
  await expect(console.getByRole('log', { name: 'Log lines' })).toContainText('testenv: container started', { timeout: 15_000 })
  await console.getByRole('tab', { name: 'Terminal' }).click()
  await console.getByRole('button', { name: 'Connect' }).click()
  await expect(console.getByRole('region', { name: 'Terminal' }).getByRole('status')).toContainText(`in ${name}-`, { timeout: 20_000 })
  await page.locator('.terminal-host .xterm').click()
  await page.keyboard.type('echo node-$((6*7))\n')
  await expect(page.locator('.terminal-host .xterm-rows')).toContainText('node-42', { timeout: 15_000 })
  await shot(page, '76-resources-terminal')
})

test('a Secret node: its keys are shown, its values never', async ({ page, request }) => {
  const value = `hunter2-${suffix}`
  const c = await gql(request, `{ clusters { id name } }`, {}, user.token)
  const sandbox = (c.clusters as { id: string; name: string }[]).find((x) => x.name === 'sandbox')!
  const w = await gql(request, `mutation($n: String!, $c: String!) { createWorkflow(name: $n, clusterId: $c) { ... on MutationCreateWorkflowSuccess { data { id } } } }`, { n: `sec-${suffix}`, c: sandbox.id }, user.token)
  const id = w.createWorkflow.data.id as string
  const nodes = [{ id: 'creds', type: 'secret', position: { x: 0, y: 0 }, data: { name: `creds-${suffix}`, entries: [{ key: 'password', value }] } }]
  await gql(request, `mutation($id: ID!, $nodes: JSON!) { saveWorkflow(id: $id, nodes: $nodes, edges: [], revision: 0) { __typename } }`, { id, nodes }, user.token)
  await gql(request, `mutation($id: ID!) { setWorkflowStatus(id: $id, status: PUBLISHED) { __typename } }`, { id }, user.token)
  await gql(request, `mutation($id: ID!) { runWorkflow(workflowId: $id) { __typename } }`, { id }, user.token)

  await signInAs(page, user)
  await page.goto(`/workflows/${id}/nodes/creds`)
  await expect(page.getByTestId('node-health')).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 })
  await page.getByRole('button', { name: 'Refresh' }).click()
  const object = page.getByTestId(`object-Secret-creds-${suffix}`)
  await expect(object.getByRole('figure').filter({ hasText: 'Live object' }).locator('pre')).toContainText('password: ""')
  await expect(object).toContainText('password: (redacted)')
  const text = await page.locator('main').innerText()
  expect(text).not.toContain(value)
  expect(text).not.toContain(Buffer.from(value).toString('base64'))
  await expect(page.getByRole('region', { name: 'Logs and terminal' })).toHaveCount(0)
  await shot(page, '77-resources-secret')
})
