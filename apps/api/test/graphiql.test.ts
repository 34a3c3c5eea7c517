import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'

// GraphiQL must work without internet (an air-gapped cluster): the page carries its own scripts
// and styles. The browser side (a query runs, a subscription streams, network cut) is the
// Playwright test e2e/graphiql.spec.ts.
let t: TestApp
beforeAll(async () => void (t = await createTestApp()))
afterAll(() => t.close())

describe('GraphiQL', () => {
  it('is served whole by the API: no script, style or font from anywhere else', async () => {
    const res = await t.app.handle(new Request('http://test/graphql', { headers: { accept: 'text/html' } }))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<title>KubeOrch GraphQL</title>')
    expect(html).toContain('renderYogaGraphiQL')
    expect(html).not.toContain('__TITLE__')
    // Every src/href in the page is inline (data:, blob:) or relative: nothing to fetch from a CDN.
    const external = [...html.matchAll(/(?:src|href)\s*=\s*["'](https?:)?\/\/[^"']+/g)].map((m) => m[0])
    expect(external).toEqual([])
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/)
  })
})
