import { expect, test } from '@playwright/test'
import { shot } from './support/canvas'
import { API_URL, gql, seedWorkflow } from './support/seed'

// Issue 14, item 15: the API's GraphQL playground works without internet. Every request the page
// makes to anything but the API is refused, as on an air-gapped cluster; a query runs and a
// subscription streams, with the token set in the header editor.
test('item 15: GraphiQL runs a query and streams a subscription with the network cut off', async ({ page, request }) => {
  const seeded = await seedWorkflow(request, { nodes: [], edges: [] }, 'playground')
  const api = new URL(API_URL)
  const refused: string[] = []
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.host === api.host || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue()
    refused.push(url.href)
    return route.abort('internetdisconnected')
  })

  await page.goto(`${API_URL}/graphql?query=${encodeURIComponent('{ me { email } }')}`)
  await expect(page).toHaveTitle('KubeOrch GraphQL')
  await expect(page.locator('.graphiql-container').first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText('Loading', { exact: false })).toHaveCount(0)

  // The token goes in the header editor (kept across visits).
  const headers = page.getByRole('region', { name: 'Headers' })
  if (!(await headers.isVisible())) await page.getByRole('button', { name: 'Headers' }).click()
  await expect(headers).toContainText('PASTE-YOUR-TOKEN')
  // Replaced as one input (as a paste is), so the editor's bracket closing stays out of it.
  await headers.locator('.graphiql-editor:not(.hidden) .view-lines').click()
  // Emptied first: text typed over a selection would be wrapped in it (the editor's auto-surround).
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(JSON.stringify({ authorization: `Bearer ${seeded.token}` }))
  await expect(headers).toContainText(seeded.token.slice(0, 20))
  const run = page.getByRole('button', { name: /Execute query/ })
  await run.click()
  const result = page.getByRole('region', { name: 'Result Window' })
  await expect(result).toContainText(seeded.user.email, { timeout: 15_000 })
  await shot(page, 'ux-15-graphiql-query')

  // A subscription: the stream's first event, then one caused by a save.
  await page.getByRole('region', { name: 'Operation Editor' }).locator('.graphiql-editor:not(.hidden) .view-lines').first().click()
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(`subscription { workflowEvents(workflowId: "${seeded.workflowId}") { type } }`)
  await run.click()
  await expect(result).toContainText('"metadata"', { timeout: 15_000 })
  await gql(request, `mutation($id: ID!) { saveWorkflow(id: $id, nodes: [], edges: []) { __typename } }`, { id: seeded.workflowId }, seeded.token)
  await expect(result).toContainText('"workflow_updated"', { timeout: 15_000 })
  await shot(page, 'ux-15-graphiql-subscription')
  expect(refused).toEqual([])
})
