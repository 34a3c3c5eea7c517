import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { gql, signInAs } from './support/seed'

const SHOTS = 'e2e/screenshots'
const KUBECONFIG = process.env.E2E_KUBECONFIG!

/** A fresh user, signed in, with no workflow. */
async function newUser(request: Parameters<typeof gql>[0]) {
  const email = `clusters-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`
  const reg = await gql(request, `mutation($e: String!) { register(email: $e, password: "correct horse battery") { ... on MutationRegisterSuccess { data { token user { id email name } } } } }`, { e: email })
  return reg.register.data as { token: string; user: { id: string; email: string; name: string } }
}

test('clusters: register the control plane from its kubeconfig with a context, test it; secrets never shown', async ({ page, request }) => {
  await signInAs(page, await newUser(request))
  await page.goto('/clusters')
  // The running control plane is offered to everyone as `sandbox`.
  await expect(page.getByTestId('cluster-row').filter({ hasText: 'sandbox' })).toBeVisible()

  // Upload the kubeconfig file; the contexts come from the API.
  await page.getByLabel('Name', { exact: true }).fill('testenv-cluster')
  await page.getByLabel('Kubeconfig file').setInputFiles(KUBECONFIG)
  await expect(page.getByLabel('Context')).toContainText('testenv — https://127.0.0.1:')
  await page.screenshot({ path: `${SHOTS}/40-cluster-kubeconfig-context.png`, fullPage: true })
  await page.getByRole('button', { name: 'Add cluster' }).click()
  const row = page.getByTestId('cluster-row').filter({ hasText: 'testenv-cluster' })
  await expect(row).toContainText('Connected')
  await expect(row).toContainText(/Kubernetes v[\d.]+, 2 nodes/)
  // The form is emptied and no part of the credentials is on the page.
  await expect(page.getByLabel('Kubeconfig', { exact: true })).toHaveValue('')
  const key = /client-key-data: (\S+)/.exec(readFileSync(KUBECONFIG, 'utf8'))![1]!
  expect(await page.content()).not.toContain(key.slice(0, 40))

  await row.getByRole('button', { name: 'Test connection to testenv-cluster' }).click()
  await expect(row).toContainText('Connected')

  // A pasted kubeconfig that is not one is refused before anything is saved.
  await page.getByLabel('Kubeconfig', { exact: true }).fill('not: [a kubeconfig')
  await expect(page.locator('#cluster-kubeconfig-error')).toContainText('kubeconfig is not valid YAML')

  // A kubeconfig whose user runs a plugin is refused, naming the field inside it; nothing is saved.
  await page.getByLabel('Name', { exact: true }).fill('plugin')
  await page.getByLabel('Kubeconfig', { exact: true }).fill(
    'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]\nusers: [{ name: u, user: { exec: { command: sh } } }]\ncontexts: [{ name: a, context: { cluster: c, user: u } }]\n',
  )
  await page.getByRole('button', { name: 'Add cluster' }).click()
  await expect(page.locator('#cluster-kubeconfig-error')).toContainText('users[0].user.exec: is an exec credential plugin')
  await expect(page.getByTestId('cluster-row').filter({ hasText: 'plugin' })).toHaveCount(0)

  // Server + token: an unreachable server is registered, tested, and shown as unreachable.
  await page.getByLabel('Name', { exact: true }).fill('far-away')
  await page.getByLabel('Server and token').check()
  await page.getByLabel('API server URL').fill('https://127.0.0.1:1')
  await page.getByLabel('Bearer token').fill('not-a-real-token')
  await page.getByRole('button', { name: 'Add cluster' }).click()
  const far = page.getByTestId('cluster-row').filter({ hasText: 'far-away' })
  await expect(far).toContainText('Unreachable')
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('')
  expect(await page.content()).not.toContain('not-a-real-token')
  await page.screenshot({ path: `${SHOTS}/41-clusters-registered.png`, fullPage: true })
})
