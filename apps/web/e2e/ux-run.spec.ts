import { expect, test } from '@playwright/test'
import { FAILURE_IMAGES } from '@kubeorch/testenv'
import { connect, handle, node, shot, waitSaved } from './support/canvas'
import { gql, signInAs } from './support/seed'

// Issue 14 on the sandbox (the real control plane the e2e API offers every user): the obvious
// first app runs green, the run bar, versions after runs, archive, the sandbox's failure images
// and the terminal's pod list. One story, in order.
test.describe.configure({ mode: 'serial' })

const suffix = Date.now().toString(36).slice(-5)
const app = `app-${suffix}`
let user: { token: string; user: { id: string; email: string; name: string } }
let workflowUrl = ''

test('items 2, 3, 13: a palette Deployment scaled by a palette HPA runs green on the sandbox; the run bar keeps the outcome apart from the nodes now', async ({ page, request }) => {
  test.setTimeout(240_000)
  const email = `ux-run-${suffix}@example.test`
  const reg = await gql(request, `mutation($e: String!) { register(email: $e, password: "correct horse battery") { ... on MutationRegisterSuccess { data { token user { id email name } } } } }`, { e: email })
  user = reg.register.data
  await signInAs(page, user)
  await page.goto('/workflows')
  await page.getByRole('button', { name: 'New workflow' }).click()
  await page.getByLabel('Name', { exact: true }).fill(`first-${suffix}`)
  // The sandbox is chosen for a new user: it works with no set-up.
  await expect(page.getByLabel('Target cluster').locator('option:checked')).toHaveText('sandbox')
  await page.getByRole('button', { name: 'Create workflow' }).click()
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]+$/)
  workflowUrl = page.url()

  await page.getByRole('button', { name: 'Add Deployment' }).click()
  const settings = page.getByRole('complementary', { name: 'Settings' })
  await settings.getByLabel('Name *').fill(app)
  // On the sandbox the image field offers the images that fail on purpose.
  // A text field with suggestions is a combobox.
  const image = settings.getByRole('combobox', { name: 'Image', exact: true })
  const list = await image.getAttribute('list')
  const offered = await page.locator(`datalist#${list} option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
  expect(offered).toEqual(Object.values(FAILURE_IMAGES))
  await expect(page.locator(`datalist#${list} option`).first()).toHaveAttribute('label', /fails on the sandbox: cannot be pulled/)
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Search resource kinds' }).fill('hpa')
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: 'Auto-layout' }).click()
  await page.waitForTimeout(400)
  await connect(page, handle(node(page, 'hpa-1'), 'source'), handle(node(page, app), 'target'))
  await expect(page.locator('.react-flow__edge')).toHaveCount(1)
  // The palette's defaults fit together: nothing to warn about.
  await expect(page.locator('.react-flow__edge.has-warning')).toHaveCount(0)
  await waitSaved(page)

  await page.getByRole('button', { name: 'Run' }).click()
  await page.getByRole('dialog', { name: 'Publish and run?' }).getByRole('button', { name: 'Publish and run' }).click()
  const panel = page.getByRole('region', { name: 'Run progress' })
  await expect(node(page, app)).toHaveAttribute('data-health', 'healthy', { timeout: 90_000 })
  await expect(node(page, 'hpa-1')).toHaveAttribute('data-health', 'healthy', { timeout: 120_000 })
  await expect(panel.locator('.run-badge')).toHaveText('Completed', { timeout: 30_000 })
  // What the run did, and apart from it, what the nodes are now.
  await expect(panel.getByTestId('run-progress')).toHaveText(/^in [\d.]+ (s|ms|min \d+ s) · 2 objects applied$/)
  await expect(panel.getByTestId('nodes-now')).toHaveText('Nodes now: 2/2 healthy')
  await shot(page, 'ux-03-run-bar-outcome-and-now')
})

test('item 17: the terminal offers the pods of the node to choose from', async ({ page }) => {
  await signInAs(page, user)
  await page.goto(workflowUrl)
  await node(page, app).click()
  await page.getByRole('tab', { name: 'Terminal' }).click()
  const pod = page.getByRole('region', { name: 'Terminal' }).getByRole('combobox', { name: 'Pod' })
  await expect(pod.locator('option')).toHaveCount(2)
  await expect(pod.locator('option').nth(1)).toHaveText(new RegExp(`^${app}-[a-z0-9]+-[a-z0-9]+ \\(Running\\)$`))
  await pod.selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Connect' }).click()
  await expect(page.getByRole('region', { name: 'Terminal' }).getByRole('status')).toContainText(`in ${app}-`, { timeout: 20_000 })
  await shot(page, 'ux-17-terminal-pods')
  await page.getByRole('button', { name: 'Disconnect' }).click()
})

test('item 10: versions after runs: deployed is marked, origins named, tagged ones a filter away, beside the settings', async ({ page, request }) => {
  const id = workflowUrl.split('/').pop()!
  await gql(request, `mutation($id: ID!) { createVersion(workflowId: $id, name: "before the second run", tag: "v1.0") { __typename } }`, { id }, user.token)
  // Two more runs: each adds a version of its own.
  for (let i = 0; i < 2; i++) {
    const r = await gql(request, `mutation($id: ID!) { runWorkflow(workflowId: $id) { ... on MutationRunWorkflowSuccess { data { runId } } } }`, { id }, user.token)
    const runId = r.runWorkflow.data.runId
    await expect
      .poll(async () => (await gql(request, `query($id: ID!, $r: ID!) { run(workflowId: $id, runId: $r) { ... on QueryRunSuccess { data { status } } } }`, { id, r: runId }, user.token)).run.data.status, { timeout: 90_000 })
      .toBe('completed')
  }
  await signInAs(page, user)
  await page.goto(workflowUrl)
  await node(page, app).click()
  await page.getByRole('button', { name: 'Versions' }).click()
  // Beside the settings, not instead of them.
  await expect(page.getByRole('complementary', { name: 'Settings' })).toBeVisible()
  const versions = page.getByRole('complementary', { name: 'Versions' })
  await expect(versions).toBeVisible()
  await expect(versions.getByTestId('version-4')).toContainText('deployed')
  await expect(versions.getByTestId('version-4')).toHaveAttribute('data-origin', 'run')
  await expect(versions.getByTestId('version-3')).not.toContainText('deployed')
  await expect(versions.getByTestId('version-2')).toHaveAttribute('data-origin', 'manual')
  await expect(versions.getByTestId('version-2')).toContainText('v1.0')
  await expect(versions.getByTestId('version-1')).toContainText('Deployed by a run')
  await shot(page, 'ux-10-versions-deployed-origins')
  await versions.getByLabel('Show').selectOption('tagged')
  await expect(versions.locator('.version-item')).toHaveCount(1)
  await expect(versions.getByTestId('version-2')).toBeVisible()
  await versions.getByLabel('Show').selectOption('run')
  await expect(versions.locator('.version-item')).toHaveCount(3)
})

test('item 1: moving a deployed workflow to another cluster names what it deletes from the current one', async ({ page, request }) => {
  await gql(request, `mutation { createCluster(input: { name: "elsewhere" }) { __typename } }`, {}, user.token)
  await signInAs(page, user)
  await page.goto(workflowUrl)
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Workflow settings' })
  await dialog.getByLabel('Target cluster').selectOption({ label: 'elsewhere (no credentials yet)' })
  await expect(dialog.getByTestId('deployed-objects')).toContainText('These 2 objects on sandbox will be deleted first')
  await expect(dialog.getByTestId('deployed-objects')).toContainText(`Deployment default/${app}`)
  await expect(dialog.getByTestId('deployed-objects')).toContainText(`HorizontalPodAutoscaler default/hpa-1`)
  await expect(dialog.getByRole('button', { name: 'Save and move to elsewhere' })).toBeVisible()
  await shot(page, 'ux-01-move-cluster-names-objects')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
})

test('item 4: archive asks first, naming what it deletes, and the canvas follows without a reload', async ({ page }) => {
  await signInAs(page, user)
  await page.goto(workflowUrl)
  await expect(node(page, app)).toHaveAttribute('data-health', 'healthy')
  await page.getByRole('button', { name: 'Archive' }).click()
  const confirm = page.getByRole('dialog', { name: `Archive “first-${suffix}”?` })
  await expect(confirm.getByTestId('deployed-objects')).toContainText('These 2 objects on sandbox will be deleted')
  await expect(confirm.getByTestId('deployed-objects')).toContainText(`Deployment default/${app}`)
  await shot(page, 'ux-04-archive-confirm')
  await confirm.getByRole('button', { name: 'Archive and delete its objects' }).click()
  await expect(page.locator('.editor-toolbar .badge')).toHaveText('Archived')
  await expect(node(page, app)).toHaveAttribute('data-health', 'unknown', { timeout: 15_000 })
  await expect(node(page, 'hpa-1')).toHaveAttribute('data-health', 'unknown')
  await expect(node(page, app).locator('.kind-node-cause')).toHaveText('Removed from the cluster')
  await shot(page, 'ux-04-archived-canvas')
})
