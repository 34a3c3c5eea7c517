import { expect, test, type Locator, type Page } from '@playwright/test'

// One story, in order: each step builds on the one before (a person's first session).
test.describe.configure({ mode: 'serial' })

const SHOTS = 'e2e/screenshots'
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` })

const node = (page: Page, name: string) => page.getByTestId(`node-${name}`)
const handle = (card: Locator, type: 'source' | 'target') => card.locator(`.react-flow__handle.${type}`).first()

/** Draws an edge by dragging from one handle to another, as a person does with the mouse. */
async function connect(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!
  const b = (await to.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 })
  await page.mouse.up()
}

async function waitSaved(page: Page) {
  await expect(page.locator('.save-state')).toHaveText('Saved', { timeout: 15_000 })
}

test('design, save, publish, version, compare and restore a workflow', async ({ page }) => {
  const email = `e2e-${Date.now()}@example.test`

  // Register; the app lands on the workflow list.
  await page.goto('/workflows')
  await expect(page).toHaveURL(/\/sign-in/)
  await page.getByRole('link', { name: 'Register' }).click()
  await page.getByLabel('Name').fill('E2E Person')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible()
  await shot(page, '01-workflows-empty')

  // Create a workflow, with its cluster created inline by name (the running control plane is
  // offered as `sandbox` too).
  await page.getByRole('button', { name: 'New workflow' }).click()
  await page.getByLabel('Name', { exact: true }).fill('shop')
  await expect(page.getByLabel('Target cluster')).toContainText('sandbox')
  await page.getByLabel('Target cluster').selectOption('__new__')
  await page.getByLabel('New cluster name').fill('dev-cluster')
  await page.getByLabel('Add its credentials later').check()
  await page.getByRole('button', { name: 'Create workflow' }).click()
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]+$/)
  await expect(page.getByRole('heading', { name: 'shop' })).toBeVisible()
  await shot(page, '02-canvas-empty')

  // Add a Deployment by dragging it from the palette.
  await page.getByRole('button', { name: 'Add Deployment' }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 420, y: 260 } })
  await expect(node(page, 'deployment-1')).toBeVisible()
  await expect(page.locator('.react-flow__node')).toHaveCount(1)

  // Add a Service and an Ingress with Ctrl+K and fuzzy search.
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Search resource kinds' }).fill('svc')
  await expect(page.getByRole('listbox', { name: 'Resource kinds' }).getByRole('option').first()).toContainText('Service')
  await page.keyboard.press('Enter')
  await expect(node(page, 'service-1')).toBeVisible()
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Search resource kinds' }).fill('ingrs')
  await page.keyboard.press('Enter')
  await expect(node(page, 'ingress-1')).toBeVisible()
  await page.getByRole('button', { name: 'Auto-layout' }).click()
  await page.getByRole('button', { name: 'Fit view', exact: true }).click()
  await page.waitForTimeout(400)
  await shot(page, '03-canvas-three-nodes')

  // Connect the service to the deployment: the service's linked fields follow the edge.
  await connect(page, handle(node(page, 'service-1'), 'source'), handle(node(page, 'deployment-1'), 'target'))
  await expect(page.locator('.react-flow__edge')).toHaveCount(1)
  await node(page, 'service-1').click()
  await expect(page.getByRole('region', { name: 'Linked through edges' })).toContainText('Routes traffic to the pods of Deployment deployment-1.')
  await shot(page, '04-canvas-connected')

  // An invalid pair is refused, with the reason.
  await connect(page, handle(node(page, 'ingress-1'), 'source'), handle(node(page, 'deployment-1'), 'target'))
  await expect(page.getByRole('alert').filter({ hasText: 'ingress cannot connect to deployment' })).toBeVisible()
  await expect(page.locator('.react-flow__edge')).toHaveCount(1)
  await shot(page, '05-canvas-invalid-connection')

  // The ingress's path routes to the service instead.
  await connect(page, handle(node(page, 'ingress-1'), 'source'), handle(node(page, 'service-1'), 'target'))
  await expect(page.locator('.react-flow__edge')).toHaveCount(2)
  await page.getByRole('button', { name: 'Auto-layout' }).click()
  await page.waitForTimeout(400)

  // Settings: an invalid value shows an inline error beside its field; fixing it saves.
  await node(page, 'deployment-1').click()
  const settings = page.getByRole('complementary', { name: 'Settings' })
  await settings.getByRole('textbox', { name: 'Image', exact: true }).fill('nginx:1.29')
  await settings.getByRole('spinbutton', { name: 'Replicas' }).fill('-1')
  await expect(settings.getByText('must be an integer ≥ 0')).toBeVisible()
  await expect(settings.getByRole('spinbutton', { name: 'Replicas' })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('.save-state')).toContainText('Not saved')
  await shot(page, '06-settings-inline-error')
  await settings.getByRole('spinbutton', { name: 'Replicas' }).fill('3')
  await expect(settings.getByText('must be an integer ≥ 0')).toHaveCount(0)
  await waitSaved(page)

  // Undo and redo the last change (typing in one field in one go is one step).
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } })
  await page.keyboard.press('Control+z')
  await expect(node(page, 'deployment-1')).not.toContainText('3 replicas')
  await page.keyboard.press('Control+Shift+z')
  await expect(node(page, 'deployment-1')).toContainText('3 replicas')
  await waitSaved(page)

  // The auto-save survives a reload.
  await page.reload()
  await expect(node(page, 'deployment-1')).toContainText('nginx:1.29')
  await expect(node(page, 'deployment-1')).toContainText('3 replicas')
  await expect(page.locator('.react-flow__edge')).toHaveCount(2)
  await waitSaved(page)
  await shot(page, '07-canvas-after-reload')

  // Publish: the canvas becomes read-only.
  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.locator('.editor-toolbar .badge')).toHaveText('Published')
  await expect(page.locator('.save-state')).toHaveText('Read-only')
  await expect(page.getByRole('button', { name: 'Add Deployment' })).toBeDisabled()
  await shot(page, '08-canvas-published')

  // Version 1 from the published design.
  await page.getByRole('button', { name: 'Versions' }).click()
  const versions = page.getByRole('complementary', { name: 'Versions' })
  await versions.getByLabel('Name').fill('first')
  await versions.getByLabel('Tag').fill('v1')
  await versions.getByLabel('Description').fill('three replicas')
  await versions.getByRole('button', { name: 'Create version' }).click()
  await expect(versions.getByTestId('version-1')).toContainText('first')

  // Edit (back to draft), change the design, version 2.
  await page.getByRole('button', { name: 'Edit' }).click()
  await expect(page.locator('.editor-toolbar .badge')).toHaveText('Draft')
  await page.getByRole('button', { name: 'Versions' }).click()
  await node(page, 'deployment-1').click()
  await settings.getByRole('spinbutton', { name: 'Replicas' }).fill('5')
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Search resource kinds' }).fill('cm')
  await page.keyboard.press('Enter')
  await expect(node(page, 'configmap-1')).toBeVisible()
  await waitSaved(page)
  await page.getByRole('button', { name: 'Versions' }).click()
  await versions.getByLabel('Name').fill('second')
  await versions.getByLabel('Tag').fill('v2')
  await versions.getByRole('button', { name: 'Create version' }).click()
  await expect(versions.getByTestId('version-2')).toContainText('second')
  await shot(page, '09-versions-panel')

  // Compare 1 → 2: side by side, field-level changes listed.
  await versions.getByLabel('Select version 1 to compare').check()
  await versions.getByLabel('Select version 2 to compare').check()
  await versions.getByRole('button', { name: 'Compare v1 → v2' }).click()
  const compare = page.getByRole('dialog', { name: 'Compare version 1 → version 2' })
  await expect(compare.getByTestId('compare-summary')).toContainText('1 node(s) added')
  await expect(compare.getByText('Added configmap “configmap-1”')).toBeVisible()
  const replicasRow = compare.getByRole('row', { name: /data\.replicas/ })
  await expect(replicasRow).toContainText('3')
  await expect(replicasRow).toContainText('5')
  await expect(compare.locator('.diff-node.is-added')).toHaveCount(1)
  await expect(compare.locator('.diff-node.is-modified')).toHaveCount(2)
  await page.waitForTimeout(300)
  await shot(page, '10-compare-versions')
  await compare.getByRole('button', { name: 'Close' }).click()

  // Restore version 1, after a preview of what changes.
  await versions.getByRole('button', { name: 'Restore version 1' }).click()
  const restore = page.getByRole('dialog', { name: 'Restore version 1?' })
  await expect(restore.getByText('Removed configmap “configmap-1”')).toBeVisible()
  await expect(restore.getByRole('row', { name: /data\.replicas/ })).toContainText('5')
  await shot(page, '11-restore-preview')
  await restore.getByRole('button', { name: 'Restore version 1' }).click()
  await expect(restore).toHaveCount(0)
  await expect(node(page, 'configmap-1')).toHaveCount(0)
  await expect(node(page, 'deployment-1')).toContainText('3 replicas')
  await expect(versions.getByTestId('version-3')).toContainText('Restored from version 1')
  await shot(page, '12-canvas-restored')
})
