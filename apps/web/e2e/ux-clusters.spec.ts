import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { parse, stringify } from 'yaml'
import { shot } from './support/canvas'
import { gql, signInAs } from './support/seed'

// Issue 14, items 1 and 12: a new cluster is never a dead end. It can be connected right from the
// new-workflow dialog, edited and deleted on the Clusters page (a refusal says why), and a workflow
// can move to another cluster. The context picker starts at the kubeconfig's current-context.

/**
 * The control plane's kubeconfig with a second context listed first: the current-context
 * ("testenv") is not the first one, as in most kubeconfigs people have.
 */
function twoContextKubeconfig(): Buffer {
  const config = parse(readFileSync(process.env.E2E_KUBECONFIG!, 'utf8'))
  config.contexts.unshift({ name: 'a-staging', context: { ...config.contexts[0].context, namespace: 'staging' } })
  config['current-context'] = 'testenv'
  return Buffer.from(stringify(config))
}
const upload = { name: 'config', mimeType: 'application/yaml', buffer: twoContextKubeconfig() }

async function newUser(request: Parameters<typeof gql>[0]) {
  const email = `ux-clusters-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`
  const reg = await gql(request, `mutation($e: String!) { register(email: $e, password: "correct horse battery") { ... on MutationRegisterSuccess { data { token user { id email name } } } } }`, { e: email })
  return reg.register.data as { token: string; user: { id: string; email: string; name: string } }
}

test('item 12: the context picker starts at the current-context, not the first context', async ({ page, request }) => {
  await signInAs(page, await newUser(request))
  await page.goto('/clusters')
  await page.getByLabel('Kubeconfig file').setInputFiles(upload)
  const context = page.getByLabel('Context')
  await expect(context.locator('option')).toHaveCount(2)
  await expect(context.locator('option').first()).toContainText('a-staging')
  await expect(context).toHaveValue('testenv')
  await expect(context.locator('option:checked')).toContainText('(current-context)')
  await shot(page, 'ux-12-current-context')
})

test('item 1: a new cluster connected from the new-workflow dialog; edited, refused deletion with the reason, workflow moved, then deleted', async ({ page, request }) => {
  const user = await newUser(request)
  await signInAs(page, user)
  await page.goto('/workflows')
  await page.getByRole('button', { name: 'New workflow' }).click()
  const dialog = page.getByRole('dialog', { name: 'New workflow' })
  await dialog.getByLabel('Name', { exact: true }).fill('shop')
  await dialog.getByLabel('Target cluster').selectOption('__new__')
  await dialog.getByLabel('New cluster name').fill('my-cluster')
  // Connect it now: its kubeconfig, right here.
  await expect(dialog.getByLabel('Connect it now, from its kubeconfig')).toBeChecked()
  await dialog.getByLabel('Kubeconfig file').setInputFiles(upload)
  await expect(dialog.getByLabel('Context')).toHaveValue('testenv')
  await shot(page, 'ux-01-new-cluster-connect-now')
  await dialog.getByRole('button', { name: 'Create workflow' }).click()
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]+$/)
  const workflowUrl = page.url()
  await expect(page.locator('.editor-cluster')).toHaveText('on my-cluster')

  await page.getByRole('link', { name: 'Clusters' }).click()
  const row = (name: string) => page.getByTestId('cluster-row').filter({ hasText: name })
  await expect(row('my-cluster')).toContainText('Connected')
  // Edit: a new name and description; the credentials are kept.
  await page.getByRole('button', { name: 'Edit my-cluster' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit my-cluster' })
  await expect(edit.getByLabel('Keep the current credentials')).toBeChecked()
  await edit.getByLabel('Name', { exact: true }).fill('my-lab')
  await edit.getByLabel('Description (optional)').fill('the lab cluster')
  await edit.getByRole('button', { name: 'Save cluster' }).click()
  await expect(edit).toHaveCount(0)
  await expect(row('my-lab')).toContainText('the lab cluster')
  await expect(row('my-lab')).toContainText('Registered')

  // A cluster added by name only gets its credentials later, from its row.
  await page.getByLabel('Name', { exact: true }).fill('later')
  await page.getByLabel('Name only (credentials later)').check()
  await page.getByRole('button', { name: 'Add cluster' }).click()
  await expect(row('later')).toContainText('None yet')
  await page.getByRole('button', { name: 'Edit later' }).click()
  const creds = page.getByRole('dialog', { name: 'Edit later' })
  await expect(creds.getByLabel('From a kubeconfig')).toBeChecked()
  await creds.getByLabel('Kubeconfig file').setInputFiles(upload)
  await expect(creds.getByLabel('Context')).toHaveValue('testenv')
  await creds.getByRole('button', { name: 'Save cluster' }).click()
  await expect(row('later')).toContainText('Connected', { timeout: 20_000 })
  await shot(page, 'ux-01-clusters-edited')

  // Deleting a cluster a workflow deploys to is refused, naming the workflow.
  await page.getByRole('button', { name: 'Delete my-lab' }).click()
  const del = page.getByRole('dialog', { name: 'Delete cluster “my-lab”?' })
  await del.getByRole('button', { name: 'Delete cluster' }).click()
  await expect(del.getByRole('alert')).toContainText('cluster my-lab is the target of "shop"; move them to another cluster')
  await shot(page, 'ux-01-delete-refused')
  await del.getByRole('button', { name: 'Cancel' }).click()

  // Workflow settings: rename it and move it to the other cluster (nothing deployed yet).
  await page.goto(workflowUrl)
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Workflow settings' })
  await settings.getByLabel('Name').fill('shop-2')
  await settings.getByLabel('Description').fill('moved to the later cluster')
  await settings.getByLabel('Target cluster').selectOption({ label: 'later' })
  await expect(settings.getByTestId('deployed-objects')).toContainText('Nothing of it is deployed on my-lab')
  await shot(page, 'ux-01-workflow-settings')
  await settings.getByRole('button', { name: 'Save and move to later' }).click()
  await expect(settings).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'shop-2' })).toBeVisible()
  await expect(page.locator('.editor-cluster')).toHaveText('on later')

  // Now nothing deploys to my-lab: it can go.
  await page.getByRole('link', { name: 'Clusters' }).click()
  await page.getByRole('button', { name: 'Delete my-lab' }).click()
  await page.getByRole('dialog', { name: 'Delete cluster “my-lab”?' }).getByRole('button', { name: 'Delete cluster' }).click()
  await expect(row('my-lab')).toHaveCount(0)
})
