import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { connect, handle, node, overlap, shot, waitSaved } from './support/canvas'
import { gql, seedWorkflow, signInAs } from './support/seed'

// Issue 14: what a new user meets while designing (no cluster needed). One test per item; each
// fails on the code before the changes.

const at = (x: number, y: number) => ({ x, y })
const web = (data: Record<string, unknown> = {}) => ({ id: 'web', type: 'deployment', position: at(420, 0), data: { name: 'web', image: 'nginx:1.27', replicas: 2, ports: [{ containerPort: 8080 }], ...data } })

test('item 2: an HPA on CPU over a Deployment without a CPU request is flagged on the edge, with a one-click fix; new workloads request CPU', async ({ page, request }) => {
  const seeded = await seedWorkflow(
    request,
    {
      nodes: [web(), { id: 'scale', type: 'hpa', position: at(0, 0), data: { name: 'scale', targetCPUUtilizationPercentage: 80 } }],
      edges: [{ id: 'e1', source: 'scale', target: 'web' }],
    },
    'autoscaled',
  )
  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  const edge = page.locator('.react-flow__edge.has-warning')
  await expect(edge).toHaveCount(1)
  await expect(edge).toContainText('needs a cpu request')
  await expect(node(page, 'web').locator('.kind-node-cause')).toContainText('needs a cpu request for its autoscaler')
  // Saving goes on: it is a warning about the run, not a problem in the design.
  await expect(page.locator('.save-state')).toHaveText('Saved')
  await node(page, 'scale').click()
  const warning = page.getByRole('status', { name: 'Design warnings' })
  await expect(warning).toContainText('"scale" scales "web" on cpu utilization')
  await shot(page, 'ux-02-hpa-needs-cpu-request')
  await warning.getByRole('button', { name: 'Request 100m cpu for "web"' }).click()
  await expect(edge).toHaveCount(0)
  await waitSaved(page)
  const saved = await gql(request, `query($id: ID!) { workflow(id: $id) { ... on QueryWorkflowSuccess { data { nodes } } } }`, { id: seeded.workflowId }, seeded.token)
  expect(saved.workflow.data.nodes.find((n: { id: string }) => n.id === 'web').data.resources).toEqual({ requests: { cpu: '100m' } })
  await shot(page, 'ux-02-hpa-fixed')

  // A Deployment from the palette starts with requests, so the palette's HPA can scale it.
  await page.getByRole('button', { name: 'Add Deployment' }).click()
  const settings = page.getByRole('complementary', { name: 'Settings' })
  await expect(settings.getByRole('textbox', { name: 'Cpu' }).first()).toHaveValue('100m')
  await expect(settings.getByRole('textbox', { name: 'Memory' }).first()).toHaveValue('128Mi')
})

test('item 5: leaving through the back arrow saves a pending edit first, and asks when the edit cannot be saved', async ({ page, request }) => {
  const seeded = await seedWorkflow(request, { nodes: [web()], edges: [] }, 'leaving')
  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  await waitSaved(page)
  await node(page, 'web').click()
  const settings = page.getByRole('complementary', { name: 'Settings' })
  // Within the debounce: the arrow is clicked before the auto-save would have run.
  await settings.getByRole('textbox', { name: 'Image', exact: true }).fill('nginx:1.28')
  await page.getByRole('link', { name: 'Back to workflows' }).click()
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible()
  const saved = await gql(request, `query($id: ID!) { workflow(id: $id) { ... on QueryWorkflowSuccess { data { nodes } } } }`, { id: seeded.workflowId }, seeded.token)
  expect(saved.workflow.data.nodes[0].data.image).toBe('nginx:1.28')

  // An invalid edit cannot be saved: the app asks instead of dropping it silently.
  await page.goto(`/workflows/${seeded.workflowId}`)
  await node(page, 'web').click()
  await settings.getByRole('spinbutton', { name: 'Replicas' }).fill('-1')
  await page.getByRole('link', { name: 'Back to workflows' }).click()
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' })
  await expect(ask).toContainText('1 problem keep your last changes from being saved')
  await shot(page, 'ux-05-leave-unsaved')
  await ask.getByRole('button', { name: 'Stay and fix' }).click()
  await expect(page).toHaveURL(new RegExp(`/workflows/${seeded.workflowId}$`))
  await expect(settings.getByRole('spinbutton', { name: 'Replicas' })).toHaveValue('-1')
  await page.getByRole('link', { name: 'Back to workflows' }).click()
  await page.getByRole('button', { name: 'Leave and discard my changes' }).click()
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible()
})

test('item 6: with the dock open no card is under the minimap, and Fit view keeps it so', async ({ page, request }) => {
  const seeded = await seedWorkflow(
    request,
    {
      nodes: [
        { id: 'a', type: 'configmap', position: at(0, 0), data: { name: 'a' } },
        { id: 'b', type: 'configmap', position: at(300, 0), data: { name: 'b' } },
        { id: 'c', type: 'configmap', position: at(600, 0), data: { name: 'c' } },
        { id: 'd', type: 'configmap', position: at(600, 220), data: { name: 'rightmost' } },
      ],
      edges: [],
    },
    'minimap',
  )
  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  const minimap = page.locator('.react-flow__minimap')
  const covered = async () => {
    const m = (await minimap.boundingBox())!
    const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))
    return boxes.filter((b) => overlap(b, m)).length
  }
  await node(page, 'rightmost').click()
  await page.getByRole('tab', { name: 'Diagnostics' }).click()
  await page.waitForTimeout(500)
  expect(await covered()).toBe(0)
  await shot(page, 'ux-06-dock-open-minimap-clear')
  await page.getByRole('button', { name: 'Fit view', exact: true }).click()
  await page.waitForTimeout(500)
  expect(await covered()).toBe(0)
})

test('item 7: a Deployment says ports one way: Ports, where an old "port" shorthand lands too', async ({ page, request }) => {
  const seeded = await seedWorkflow(request, { nodes: [{ id: 'old', type: 'deployment', position: at(0, 0), data: { name: 'old', image: 'nginx:1.27', port: 8080 } }], edges: [] }, 'ports')
  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  await page.getByRole('button', { name: 'Add Deployment' }).click()
  const settings = page.getByRole('complementary', { name: 'Settings' })
  await expect(settings.getByText('Ports (1)')).toBeVisible()
  await expect(settings.getByRole('spinbutton', { name: 'Port', exact: true })).toHaveCount(0)
  await expect(settings.getByRole('spinbutton', { name: 'Container port' })).toHaveValue('80')
  await shot(page, 'ux-07-ports-one-way')
  // A script's `port: 8080` is stored as the one list the form shows.
  await node(page, 'old').click()
  await expect(settings.getByRole('spinbutton', { name: 'Port', exact: true })).toHaveCount(0)
  await expect(settings.getByRole('spinbutton', { name: 'Container port' })).toHaveValue('8080')
})

test('item 8: while an edge is drawn the cards say where it may end; refusals name the kinds in plain words', async ({ page, request }) => {
  const seeded = await seedWorkflow(
    request,
    {
      nodes: [
        web(),
        { id: 'svc', type: 'service', position: at(0, 0), data: { name: 'web', port: 80 } },
        { id: 'conf', type: 'configmap', position: at(0, 220), data: { name: 'conf' } },
        { id: 'in', type: 'ingress', position: at(0, 440), data: { name: 'in', paths: [{ id: 'root', path: '/' }] } },
      ],
      edges: [{ id: 'e1', source: 'svc', target: 'web' }],
    },
    'edges',
  )
  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  // Mid-drag from the configmap: workloads are valid targets, the service and the ingress are not.
  const from = (await handle(node(page, 'conf'), 'source').boundingBox())!
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await page.mouse.down()
  await page.mouse.move(from.x + 120, from.y + 40, { steps: 8 })
  await expect(page.locator('.kind-node[data-kind="deployment"]')).toHaveAttribute('data-connect', 'valid')
  await expect(page.locator('.kind-node[data-kind="deployment"]')).toContainText('Drop here to connect')
  await expect(page.locator('.kind-node[data-kind="service"]')).toHaveAttribute('data-connect', 'invalid')
  await expect(page.locator('.kind-node[data-kind="ingress"]')).toHaveAttribute('data-connect', 'invalid')
  await shot(page, 'ux-08-drag-shows-targets')
  await page.mouse.up()
  await expect(page.locator('[data-connect]')).toHaveCount(0)

  // The same pair again: both are "web", so the message names their kinds.
  await connect(page, handle(page.locator('.kind-node[data-kind="service"]'), 'source'), handle(page.locator('.kind-node[data-kind="deployment"]'), 'target'))
  await expect(page.getByRole('alert').filter({ hasText: 'Service “web” is already connected to Deployment “web”.' })).toBeVisible()
  await page.locator('.kind-node[data-kind="ingress"]').click()
  await expect(page.getByRole('region', { name: 'Connections' })).toContainText('An Ingress may connect to: Service.')
})

test('item 9: linked fields read as sentences with links to the nodes; an empty target port shows what the link fills in; an HPA-scaled Replicas is read-only', async ({ page, request }) => {
  const seeded = await seedWorkflow(
    request,
    {
      nodes: [
        web({ resources: { requests: { cpu: '100m' } } }),
        { id: 'svc', type: 'service', position: at(0, 0), data: { name: 'web-svc', port: 80 } },
        { id: 'scale', type: 'hpa', position: at(420, 240), data: { name: 'scale' } },
        { id: 'in', type: 'ingress', position: at(-420, 0), data: { name: 'in', paths: [{ id: 'root', path: '/' }, { id: 'api', path: '/api' }] } },
      ],
      edges: [
        { id: 'e1', source: 'svc', target: 'web' },
        { id: 'e2', source: 'scale', target: 'web' },
        { id: 'e3', source: 'in', target: 'svc', sourceHandle: 'root' },
      ],
    },
    'links',
  )
  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  const settings = page.getByRole('complementary', { name: 'Settings' })
  await node(page, 'web-svc').click()
  const linked = settings.getByRole('region', { name: 'Linked through edges' })
  await expect(linked).toHaveText(/Routes traffic to the pods of Deployment web\./)
  await expect(settings.getByRole('textbox', { name: 'Target port' })).toHaveAttribute('placeholder', '8080 (from web)')
  await expect(settings).toContainText("Left empty, traffic goes to web's first container port, 8080.")
  await expect(settings.locator('pre')).toHaveCount(0)
  await expect(settings).not.toContainText('_linked')
  await shot(page, 'ux-09-linked-service')
  await node(page, 'in').click()
  await expect(linked).toContainText('Path / routes to Service web-svc, port 80.')
  await expect(settings).toContainText("Routes nowhere yet: connect this path's handle to a Service.")
  // The linked node is a link: it selects that node.
  await node(page, 'web-svc').click()
  await linked.getByRole('button', { name: 'Deployment web' }).click()
  await expect(settings.getByRole('heading', { name: 'web', exact: true })).toBeVisible()
  await expect(settings.getByRole('spinbutton', { name: 'Replicas' })).toBeDisabled()
  await expect(settings).toContainText('Set by the autoscaler scale while connected; this value is not applied.')
  await expect(linked).toContainText('Its replica count is set by HorizontalPodAutoscaler scale')
  await shot(page, 'ux-09-linked-replicas')
})

test("item 11: the conflict banner shows what the other save changed before 'Save mine over theirs'", async ({ page, request }) => {
  const graph = { nodes: [web()], edges: [] }
  const seeded = await seedWorkflow(request, graph, 'conflict-diff')
  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  await waitSaved(page)
  await node(page, 'web').click()
  await page.getByRole('textbox', { name: 'Image', exact: true }).fill('nginx:1.30')
  const theirs = structuredClone(graph) as { nodes: { data: Record<string, unknown> }[]; edges: unknown[] }
  theirs.nodes[0]!.data.replicas = 4
  await gql(request, `mutation($id: ID!, $nodes: JSON!, $edges: JSON!) { saveWorkflow(id: $id, nodes: $nodes, edges: $edges, revision: 1) { __typename } }`, { id: seeded.workflowId, ...theirs }, seeded.token)
  const banner = page.getByRole('alert').filter({ hasText: 'Someone else saved' })
  await expect(banner).toBeVisible({ timeout: 15_000 })
  const diff = banner.getByRole('group', { name: 'What their save changed' })
  await expect(diff).toContainText('Modified deployment “web”')
  await expect(diff.getByRole('row', { name: /data\.replicas/ })).toContainText('2')
  await expect(diff.getByRole('row', { name: /data\.replicas/ })).toContainText('4')
  await shot(page, 'ux-11-conflict-diff')
  await banner.getByRole('button', { name: 'Save mine over theirs' }).click()
  await waitSaved(page)
})

test("item 14: the design's YAML is shown and downloaded before any run", async ({ page, request }) => {
  const seeded = await seedWorkflow(
    request,
    { nodes: [web(), { id: 'svc', type: 'service', position: at(0, 0), data: { name: 'web', port: 80 } }], edges: [{ id: 'e1', source: 'svc', target: 'web' }] },
    'yaml',
  )
  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  await page.getByRole('button', { name: 'YAML' }).click()
  const dialog = page.getByRole('dialog', { name: 'Design YAML' })
  const yaml = dialog.getByTestId('design-yaml')
  await expect(yaml).toContainText('kind: Deployment')
  await expect(yaml).toContainText('kind: Service')
  await expect(yaml).toContainText('targetPort: 8080')
  await expect(dialog).toContainText('2 objects')
  await shot(page, 'ux-14-design-yaml')
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download yaml.yaml' }).click()])
  expect(download.suggestedFilename()).toBe('yaml.yaml')
  const text = readFileSync((await download.path())!, 'utf8')
  expect(text).toContain('kind: Deployment')
  expect(text.split('\n---\n').length).toBe(2)
})

test('item 17: palette labels, card headers, the command palette under a resting pointer, adds and drops, compare edges, read-only fields', async ({ page, request }) => {
  const seeded = await seedWorkflow(
    request,
    {
      nodes: [web({ resources: { requests: { cpu: '100m' } } }), { id: 'h', type: 'hpa', position: at(0, 0), data: { name: 'scale' } }],
      edges: [{ id: 'e1', source: 'h', target: 'web' }],
    },
    'smalls',
  )
  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  await waitSaved(page)

  // Palette labels wrap at word starts: every word of a label sits on one line.
  const split = await page.locator('.palette-item').evaluateAll((items) =>
    items.flatMap((item) => {
      const words: string[] = []
      const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const range = document.createRange()
        range.selectNodeContents(n)
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
        if (lines.size > 1) words.push(n.textContent ?? '')
      }
      return words
    }),
  )
  expect(split).toEqual([])

  // The HPA card's kind header keeps clear of its status dot.
  const card = node(page, 'scale')
  const kind = (await card.locator('.kind-node-kind').boundingBox())!
  const dot = (await card.locator('.kind-node-dot').boundingBox())!
  expect(kind.x + kind.width).toBeLessThanOrEqual(dot.x - 4)
  await card.screenshot({ path: 'e2e/screenshots/ux-17-hpa-card.png' })

  // Ctrl+K with the pointer resting where the list opens: Enter still takes the first row.
  await page.mouse.move(640, 330)
  await page.keyboard.press('Control+k')
  const options = page.getByRole('listbox', { name: 'Resource kinds' }).getByRole('option')
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await page.waitForTimeout(300)
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Escape')

  // Two drops on the same spot: the second card lands next to the first, not on it.
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Add ConfigMap' }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 250, y: 300 } })
  const [one, two] = [(await node(page, 'configmap-1').boundingBox())!, (await node(page, 'configmap-2').boundingBox())!]
  expect(overlap(one, two)).toBe(false)
  await waitSaved(page)

  // Compare draws the edges of both versions.
  for (const name of ['one', 'two']) await gql(request, `mutation($id: ID!, $n: String) { createVersion(workflowId: $id, name: $n) { __typename } }`, { id: seeded.workflowId, n: name }, seeded.token)
  await page.getByRole('button', { name: 'Versions' }).click()
  const versions = page.getByRole('complementary', { name: 'Versions' })
  await versions.getByLabel('Select version 1 to compare').check()
  await versions.getByLabel('Select version 2 to compare').check()
  await versions.getByRole('button', { name: 'Compare v1 → v2' }).click()
  const compare = page.getByRole('dialog', { name: 'Compare version 1 → version 2' })
  await expect(compare.locator('.diff-canvas').first().locator('.react-flow__edge')).toHaveCount(1)
  await expect(compare.locator('.diff-canvas').nth(1).locator('.react-flow__edge')).toHaveCount(1)
  await shot(page, 'ux-17-compare-edges')
  await compare.getByRole('button', { name: 'Close' }).click()

  // Read-only fields do not look like inputs to type in.
  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.locator('.save-state')).toHaveText('Read-only')
  await node(page, 'web').click()
  const image = page.getByRole('complementary', { name: 'Settings' }).getByRole('textbox', { name: 'Image', exact: true })
  await expect(image).toBeDisabled()
  const look = await image.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, border: getComputedStyle(el).borderTopColor }))
  expect(look.bg).not.toBe('rgb(255, 255, 255)')
  await shot(page, 'ux-17-read-only')
})
