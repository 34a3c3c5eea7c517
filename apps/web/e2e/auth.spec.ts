import { expect, test, type Page } from '@playwright/test'
import { API_URL, gql, largeGraph, PASSWORD, seedWorkflow, signInAs } from './support/seed'

// Issue 13 §5: the browser session is the API's httpOnly cookie (nothing in localStorage), every
// page carries a Content-Security-Policy and frame/sniffing/referrer headers (and the app works
// under them), and Settings creates and revokes API tokens and signs sessions out.

const SHOTS = 'e2e/screenshots'

/** Everything scripts on the page can read: no session token may be among it. */
const readableStorage = (page: Page) => page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }))

test('register in the browser: an httpOnly cookie, no token in storage; a reload stays signed in; signing out ends the session', async ({ page, context, request }) => {
  const email = `cookie-${Date.now()}@example.test`
  await page.goto('/workflows')
  await expect(page).toHaveURL(/\/sign-in/)
  await page.getByRole('link', { name: 'Register' }).click()
  // The sign-in form has the same fields: fill only once the register page is there.
  await expect(page.getByRole('heading', { name: 'Create your KubeOrch account' })).toBeVisible()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL(/\/workflows/)
  await expect(page.getByRole('banner')).toContainText(email.split('@')[0]!)

  const cookies = await context.cookies(API_URL)
  const session = cookies.find((c) => c.name === 'kubeorch_session')!
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
  const storage = await readableStorage(page)
  expect(storage).not.toContain(session.value)
  expect(storage).not.toMatch(/kubeorch_session|eyJ|ko_|token/i)

  await page.reload()
  await expect(page).toHaveURL(/\/workflows/)
  await expect(page.getByRole('banner')).toContainText(email.split('@')[0]!)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/sign-in/)
  await page.goto('/workflows')
  await expect(page).toHaveURL(/\/sign-in/)
  // A copy of the old cookie is worth nothing: the session is gone on the server.
  const replay = await request.get(`${API_URL}/graphql?query=${encodeURIComponent('{ browserSession { user { email } } }')}`, { headers: { cookie: `kubeorch_session=${session.value}` } })
  expect(await replay.json()).toEqual({ data: { browserSession: null } })
})

test('every page has a CSP, frame denial, nosniff and a referrer policy; the app runs under them without a violation', async ({ page, request }) => {
  const seeded = await seedWorkflow(request, largeGraph(3), 'csp')
  const violations: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text())
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load: CSP violation ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`))
  })
  const first = await page.goto('/sign-in')
  const h = first!.headers()
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/)
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(h['content-security-policy']).toContain(`connect-src 'self' ${API_URL} ${API_URL.replace('http', 'ws')}`)
  expect(h['x-frame-options']).toBe('DENY')
  expect(h['x-content-type-options']).toBe('nosniff')
  expect(h['referrer-policy']).toBe('same-origin')
  // A nonce is never reused.
  const second = await page.goto('/sign-in')
  expect(second!.headers()['content-security-policy']).not.toBe(h['content-security-policy'])

  await signInAs(page, seeded)
  await page.goto(`/workflows/${seeded.workflowId}`)
  await expect(page.getByTestId('node-app-2')).toBeVisible()
  await expect(page.getByText('Saved')).toBeVisible()
  for (const path of ['/workflows', '/clusters', '/settings']) {
    const res = await page.goto(path)
    expect(res!.headers()['content-security-policy']).toContain("default-src 'self'")
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  }
  expect(violations).toEqual([])
})

test('settings: create an API token (shown once) with its scopes and revoke it; sign another session out', async ({ page, request }) => {
  const seeded = await seedWorkflow(request, largeGraph(1), 'tokens')
  await signInAs(page, seeded)
  await page.goto('/settings')
  const create = page.getByRole('form', { name: 'Create an API token' })
  await create.getByLabel('Name').fill('ci-deploy')
  await create.getByRole('checkbox', { name: /^Write/ }).check()
  await create.getByRole('button', { name: 'Create token' }).click()
  const shown = page.getByLabel('New API token')
  await expect(shown).toHaveValue(/^ko_/)
  const token = await shown.inputValue()
  const row = page.getByTestId('api-token-row').filter({ hasText: 'ci-deploy' })
  await expect(row).toContainText('read, write')
  await page.screenshot({ path: `${SHOTS}/90-settings-tokens.png`, fullPage: true })

  // The token does what its scopes allow and nothing else.
  const asToken = { authorization: `Bearer ${token}` }
  expect((await request.get(`${API_URL}/v1/api/workflows/${seeded.workflowId}`, { headers: asToken })).status()).toBe(200)
  expect((await request.post(`${API_URL}/v1/api/workflows/${seeded.workflowId}/run`, { headers: asToken, data: {} })).status()).toBe(403)

  await page.reload()
  await expect(page.getByLabel('New API token')).toHaveCount(0)
  await page.getByRole('button', { name: 'Revoke token ci-deploy' }).click()
  await expect(row).toHaveCount(0)
  expect((await request.get(`${API_URL}/v1/api/workflows`, { headers: asToken })).status()).toBe(401)

  // A script's login is a session too; signing it out here stops its token.
  const script = await gql(request, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ... on MutationLoginSuccess { data { token } } } }`, { e: seeded.user.email, p: PASSWORD })
  const jwt = script.login.data.token as string
  await page.reload()
  const sessions = page.getByTestId('session-row')
  await expect(sessions.filter({ hasText: 'this session' })).toHaveCount(1)
  const scriptRows = sessions.filter({ hasText: 'Script (bearer token)' })
  await expect(scriptRows).toHaveCount(2) // the seed's registration and this login
  await scriptRows.first().getByRole('button', { name: /Sign out session/ }).click()
  await expect(scriptRows).toHaveCount(1)
  const statuses = await Promise.all([jwt, seeded.token].map(async (t) => (await request.get(`${API_URL}/v1/api/workflows`, { headers: { authorization: `Bearer ${t}` } })).status()))
  expect(statuses.sort()).toEqual([200, 401])
  await page.screenshot({ path: `${SHOTS}/91-settings-sessions.png`, fullPage: true })
})
