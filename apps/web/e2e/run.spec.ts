import { readFileSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { appendPodLog, FAILURE_IMAGES } from '@kubeorch/testenv'
import { gql, signInAs } from './support/seed'

// Runs against the real control plane the e2e API was started with (the `sandbox` cluster).
test.describe.configure({ mode: 'serial' })

const SHOTS = 'e2e/screenshots'
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` })
const node = (page: Page, name: string) => page.getByTestId(`node-${name}`)
const handle = (card: Locator, type: 'source' | 'target') => card.locator(`.react-flow__handle.${type}`).first()
// Object names are unique per test run: the control plane may be reused between runs (E2E_REUSE).
const suffix = Date.now().toString(36).slice(-5)
const web = `web-${suffix}`
let owner: Awaited<ReturnType<typeof newUser>>
let workflowUrl = ''

async function connect(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!
  const b = (await to.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 })
  await page.mouse.up()
}

async function newUser(request: Parameters<typeof gql>[0]) {
  const email = `run-${suffix}-${Math.random().toString(36).slice(2, 8)}@example.test`
  const reg = await gql(request, `mutation($e: String!) { register(email: $e, password: "correct horse battery") { ... on MutationRegisterSuccess { data { token user { id email name } } } } }`, { e: email })
  return reg.register.data as { token: string; user: { id: string; email: string; name: string } }
}

test('design → publish → run on the control plane: nodes turn green live, the run is recorded', async ({ page, request }) => {
  const user = (owner = await newUser(request))
  await signInAs(page, user)

  // A workflow on the sandbox cluster (the control plane), made through the UI.
  await page.goto('/workflows')
  await page.getByRole('button', { name: 'New workflow' }).click()
  await page.getByLabel('Name', { exact: true }).fill(`shop-${suffix}`)
  await page.getByLabel('Target cluster').selectOption({ label: 'sandbox' })
  await page.getByRole('button', { name: 'Create workflow' }).click()
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]+$/)
  workflowUrl = page.url()

  // A Deployment (nginx:1.27) and a Service in front of it.
  await page.getByRole('button', { name: 'Add Deployment' }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 480, y: 200 } })
  const settings = page.getByRole('complementary', { name: 'Settings' })
  await settings.getByLabel('Name *').fill(web)
  // On the sandbox the image field suggests its failure images: a combobox.
  await settings.getByRole('combobox', { name: 'Image', exact: true }).fill('nginx:1.27')
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Search resource kinds' }).fill('service')
  await page.keyboard.press('Enter')
  await settings.getByLabel('Name *').fill(`${web}-svc`)
  await page.getByRole('button', { name: 'Auto-layout' }).click()
  await page.waitForTimeout(400)
  await connect(page, handle(node(page, `${web}-svc`), 'source'), handle(node(page, web), 'target'))
  await expect(page.locator('.react-flow__edge')).toHaveCount(1)
  await expect(page.locator('.save-state')).toHaveText('Saved', { timeout: 15_000 })
  await expect(node(page, web)).toHaveAttribute('data-health', 'unknown')
  await shot(page, '50-run-design')

  // Run from a draft: a clear confirmation that it must be published first.
  await page.getByRole('button', { name: 'Run' }).click()
  const confirm = page.getByRole('dialog', { name: 'Publish and run?' })
  await expect(confirm).toContainText('Only a published workflow can run')
  await shot(page, '51-run-confirm-publish')
  await confirm.getByRole('button', { name: 'Publish and run' }).click()
  await expect(page.locator('.editor-toolbar .badge')).toHaveText('Published')

  // Progress streams in; the cards turn green as the watches see the objects become healthy.
  const panel = page.getByRole('region', { name: 'Run progress' })
  await expect(panel).toBeVisible()
  await expect(panel.getByRole('log', { name: 'Run log' })).toContainText('server-side dry-run passed', { timeout: 30_000 })
  await shot(page, '52-run-in-progress')
  await expect(node(page, web)).toHaveAttribute('data-health', 'healthy', { timeout: 60_000 })
  await expect(node(page, `${web}-svc`)).toHaveAttribute('data-health', 'healthy', { timeout: 60_000 })
  await expect(node(page, web)).toContainText('replicas available')
  await expect(panel.locator('.run-badge')).toHaveText('Completed', { timeout: 30_000 })
  await expect(panel.getByTestId('run-progress')).toHaveText(/^in .* · 2 objects applied$/)
  await expect(panel.getByTestId('nodes-now')).toHaveText('Nodes now: 2/2 healthy')
  await shot(page, '53-run-completed-green')

  // A reload shows the last known health at once (the metadata event), before any new event.
  await page.reload()
  await expect(node(page, web)).toHaveAttribute('data-health', 'healthy')
  await expect(node(page, `${web}-svc`)).toHaveAttribute('data-health', 'healthy')
  await shot(page, '54-reload-keeps-health')

  // Run again (published: no confirmation); it reapplies the same objects unchanged.
  await page.getByRole('button', { name: 'Run' }).click()
  await expect(page.getByRole('region', { name: 'Run progress' }).locator('.run-badge')).toHaveText('Completed', { timeout: 60_000 })

  // Run history: both runs, completed, with version, trigger and duration.
  await page.getByRole('link', { name: 'Run history' }).click()
  await expect(page.getByRole('heading', { name: `Runs of shop-${suffix}` })).toBeVisible()
  const rows = page.getByTestId('run-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toContainText('Completed')
  await expect(rows.nth(0)).toContainText('v2')
  await expect(rows.nth(0)).toContainText('manual · you')
  await expect(rows.nth(1)).toContainText('v1')
  await expect(rows.nth(1)).toContainText(/\d+(\.\d)? s|ms/)
  await shot(page, '55-run-history')

  // The first run's record: node states with each object and what was done to it, and the log.
  await rows.nth(1).getByRole('link', { name: /Details/ }).click()
  await expect(page.getByRole('heading', { name: 'Run of version 1' })).toBeVisible()
  await expect(page.getByTestId(`run-node-${web}`)).toContainText('created')
  await expect(page.getByTestId(`run-node-${web}`)).toContainText(`Deployment default/${web}`)
  await expect(page.getByTestId(`run-node-${web}`)).toContainText('healthy')
  await expect(page.getByRole('list', { name: 'Run log' })).toContainText('every node is healthy')
  await shot(page, '56-run-detail')
  await page.goBack()
  await rows.nth(0).getByRole('link', { name: /Details/ }).click()
  await expect(page.getByTestId(`run-node-${web}`)).toContainText('unchanged')
})

test('a running node: its logs follow new lines, and a terminal opens a shell in its container', async ({ page }) => {
  const { podLogFile } = JSON.parse(readFileSync(`${process.env.E2E_KUBECONFIG}.json`, 'utf8')) as { podLogFile: string }
  await signInAs(page, owner)
  await page.goto(workflowUrl)
  await node(page, web).click()
  await page.getByRole('tab', { name: 'Logs' }).click()
  const logs = page.getByRole('log', { name: 'Log lines' })
  await expect(logs).toContainText(`${web}-`)
  await expect(logs).toContainText('testenv: container started')
  // Follow: a line written now arrives without a reload.
  await appendPodLog(podLogFile, `hello from ${suffix}`)
  await expect(logs).toContainText(`hello from ${suffix}`, { timeout: 15_000 })
  // One pod, chosen from the pods seen in the stream: lines without the pod prefix.
  const podSelect = page.getByRole('region', { name: 'Node logs' }).getByRole('combobox', { name: 'Pod' })
  const podName = (await podSelect.locator('option').nth(1).textContent())!
  await podSelect.selectOption(podName)
  await expect(logs).toContainText(`hello from ${suffix}`)
  await expect(logs).not.toContainText(`${podName}/`)
  await page.screenshot({ path: `${SHOTS}/58-node-logs.png` })

  await page.getByRole('tab', { name: 'Terminal' }).click()
  const sockets: string[] = []
  page.on('websocket', (ws) => sockets.push(ws.url()))
  await page.getByRole('button', { name: 'Connect' }).click()
  const status = page.getByRole('region', { name: 'Terminal' }).getByRole('status')
  await expect(status).toContainText(`in ${web}-`, { timeout: 20_000 })
  // The socket is opened with a single-use ticket, never with the session in its URL.
  const terminalSocket = sockets.find((u) => u.includes('/terminal'))!
  expect(terminalSocket).toMatch(/[?&]ticket=kot_/)
  expect(terminalSocket).not.toMatch(/access_token|kubeorch_session/)
  await page.locator('.terminal-host .xterm').click()
  await page.keyboard.type('echo kubeorch-$((40+2))\n')
  await expect(page.locator('.terminal-host .xterm-rows')).toContainText('kubeorch-42', { timeout: 15_000 })
  await page.screenshot({ path: `${SHOTS}/59-node-terminal.png` })
  await page.getByRole('button', { name: 'Disconnect' }).click()
  await expect(status).toContainText('disconnected')
})

test('a broken image turns its node red with the cause, and the run fails', async ({ page, request }) => {
  const user = await newUser(request)
  const name = `broken-${suffix}`
  const c = await gql(request, `{ clusters { id name } }`, {}, user.token)
  const sandbox = (c.clusters as { id: string; name: string }[]).find((x) => x.name === 'sandbox')!
  const w = await gql(request, `mutation($n: String!, $c: String!) { createWorkflow(name: $n, clusterId: $c) { ... on MutationCreateWorkflowSuccess { data { id } } } }`, { n: name, c: sandbox.id }, user.token)
  const id = w.createWorkflow.data.id as string
  const nodes = [{ id: 'b', type: 'deployment', position: { x: 0, y: 0 }, data: { name, image: FAILURE_IMAGES.errImagePull, replicas: 1 } }]
  await gql(request, `mutation($id: ID!, $nodes: JSON!) { saveWorkflow(id: $id, nodes: $nodes, edges: [], revision: 0) { __typename } }`, { id, nodes }, user.token)
  await gql(request, `mutation($id: ID!) { setWorkflowStatus(id: $id, status: PUBLISHED) { __typename } }`, { id }, user.token)

  await signInAs(page, user)
  await page.goto(`/workflows/${id}`)
  await page.getByRole('button', { name: 'Run' }).click()
  await expect(node(page, name)).toHaveAttribute('data-health', 'error', { timeout: 60_000 })
  await expect(node(page, name).locator('.kind-node-cause')).toContainText(/ErrImagePull|ImagePullBackOff/)
  const panel = page.getByRole('region', { name: 'Run progress' })
  await expect(panel.locator('.run-badge')).toHaveText('Failed', { timeout: 30_000 })
  await expect(panel.getByRole('alert')).toContainText(`node ${name} failed`)
  await shot(page, '57-run-failed-red')

  // Diagnostics name the cause, with the evidence.
  await node(page, name).click()
  await page.getByRole('tab', { name: 'Diagnostics' }).click()
  const finding = page.getByTestId('finding-image-pull.not-found')
  await expect(finding).toContainText('cannot pull its image')
  await finding.getByText(/Evidence/).click()
  await expect(finding.locator('.evidence')).toContainText(/ErrImagePull|ImagePullBackOff/)
  await expect(finding.locator('.evidence')).toContainText('Failed to pull image')
  await shot(page, '60-diagnostics-image-pull')
})

test('diagnostics: an OOMKilled container gets a fix, previewed as a design diff, then applied and run', async ({ page, request }) => {
  const user = await newUser(request)
  const name = `oom-${suffix}`
  const c = await gql(request, `{ clusters { id name } }`, {}, user.token)
  const sandbox = (c.clusters as { id: string; name: string }[]).find((x) => x.name === 'sandbox')!
  const w = await gql(request, `mutation($n: String!, $c: String!) { createWorkflow(name: $n, clusterId: $c) { ... on MutationCreateWorkflowSuccess { data { id } } } }`, { n: name, c: sandbox.id }, user.token)
  const id = w.createWorkflow.data.id as string
  const nodes = [{ id: 'o', type: 'deployment', position: { x: 0, y: 0 }, data: { name, image: FAILURE_IMAGES.oomKilled, replicas: 1 } }]
  await gql(request, `mutation($id: ID!, $nodes: JSON!) { saveWorkflow(id: $id, nodes: $nodes, edges: [], revision: 0) { __typename } }`, { id, nodes }, user.token)
  await gql(request, `mutation($id: ID!) { setWorkflowStatus(id: $id, status: PUBLISHED) { __typename } }`, { id }, user.token)

  await signInAs(page, user)
  await page.goto(`/workflows/${id}`)
  await page.getByRole('button', { name: 'Run' }).click()
  await expect(node(page, name)).toHaveAttribute('data-health', 'error', { timeout: 60_000 })
  await node(page, name).click()
  await page.getByRole('tab', { name: 'Diagnostics' }).click()
  const finding = page.locator('.finding').filter({ hasText: 'OOMKilled' }).first()
  await expect(finding).toBeVisible()
  await finding.getByRole('button', { name: 'Preview fix' }).click()
  const preview = finding.getByLabel('Fix preview')
  await expect(preview).toContainText('Modified')
  await expect(preview).toContainText(/memory/i)
  await shot(page, '61-diagnostics-fix-preview')
  await preview.getByRole('button', { name: 'Apply fix' }).click()
  await expect(finding.getByRole('status')).toContainText('Fix saved as revision')
  await shot(page, '62-diagnostics-fix-applied')
})
