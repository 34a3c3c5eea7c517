import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './support/test-app.ts'

let t: TestApp
let token: string
beforeAll(async () => {
  t = await createTestApp()
  ;({ token } = await t.signUp())
})
afterAll(() => t.close())

describe('GraphQL query limits', () => {
  it('refuses an alias flood before executing anything', async () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ')} }`
    const res = await t.gql(query, {}, token)
    expect(res.data).toBeUndefined()
    expect(res.errors?.[0]?.message).toMatch(/aliases/i)
  })

  it('refuses a query whose fragments nest deeper than allowed', async () => {
    // Fragments spread inside each other through inline fragments add depth without new types.
    const inner = Array.from({ length: 12 }).reduce<string>((acc) => `... on Query { workflows { __typename ${acc} } }`, 'me { id }')
    const res = await t.gql(`{ ${inner} }`, {}, token)
    expect(res.data).toBeUndefined()
    expect(JSON.stringify(res.errors)).toMatch(/depth/i)
  })

  it('still answers an ordinary query', async () => {
    const res = await t.gql(`{ me { email } workflows { ... on QueryWorkflowsSuccess { data { total } } } }`, {}, token)
    expect(res.errors).toBeUndefined()
    expect(res.data.workflows.data.total).toBe(0)
  })
})
