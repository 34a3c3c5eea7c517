import { expect, test } from '@playwright/test'
import { largeGraph, seedWorkflow, signInAs } from './support/seed'

const SHOTS = 'e2e/screenshots'

test('workflows list: search, filter, clone, archive, delete; clusters: add', async ({ page, request }) => {
  const seeded = await seedWorkflow(request, largeGraph(1), 'orders')
  await signInAs(page, seeded)
  await page.goto('/workflows')
  const rows = page.getByTestId('workflow-row')
  await expect(rows).toHaveCount(1)

  await page.getByRole('button', { name: 'Clone orders' }).click()
  await page.getByLabel('Name of the copy').fill('orders-staging')
  await page.getByRole('button', { name: 'Clone', exact: true }).click()
  await expect(rows).toHaveCount(2)

  await page.getByRole('button', { name: 'Archive orders-staging' }).click()
  // Asked first, saying what goes (nothing: it never ran).
  const confirm = page.getByRole('dialog', { name: 'Archive “orders-staging”?' })
  await expect(confirm.getByTestId('deployed-objects')).toContainText('Nothing of it is deployed on seed')
  await confirm.getByRole('button', { name: 'Archive and delete its objects' }).click()
  await expect(rows.filter({ hasText: 'orders-staging' })).toContainText('Archived')
  await page.getByLabel('Status').selectOption('ARCHIVED')
  await expect(rows).toHaveCount(1)
  await page.getByLabel('Status').selectOption('')
  await page.getByLabel('Search workflows').fill('staging')
  await expect(rows).toHaveCount(1)
  await page.getByLabel('Search workflows').fill('')
  await expect(rows).toHaveCount(2)
  await page.screenshot({ path: `${SHOTS}/30-workflows-list.png` })

  await page.getByRole('button', { name: 'Delete orders-staging' }).click()
  await page.getByRole('button', { name: 'Delete workflow' }).click()
  await expect(rows).toHaveCount(1)

  await page.getByRole('link', { name: 'Clusters' }).click()
  await page.getByLabel('Name', { exact: true }).fill('production-cluster')
  await page.getByLabel('Description (optional)').fill('the real one')
  await page.getByLabel('Name only (credentials later)').check()
  await page.getByRole('button', { name: 'Add cluster' }).click()
  await expect(page.getByTestId('cluster-row').filter({ hasText: 'production-cluster' })).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill('Not Valid')
  await page.getByRole('button', { name: 'Add cluster' }).click()
  await expect(page.locator('.field-error, .form-error').first()).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/31-clusters.png` })

  // Signing out sends the next visit to sign in.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/sign-in/)
})
