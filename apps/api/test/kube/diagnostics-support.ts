import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import type { TestApp } from '../support/test-app.ts'
import { waitForRun } from './support.ts'

// REST answers as the tests read them (snake_case JSON).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Finding = { id: string; type: string; severity: string; message: string; evidence: { kind: string; text: string }[]; fix: any }

/**
 * What the diagnostics tests do through the REST API: workflows in namespaces of their own, saves
 * at the current revision, runs waited for, findings polled until one shows, fixes previewed and
 * applied by id. `namespaces` collects what to delete afterwards.
 */
export function diagnosticsHarness(t: () => TestApp, token: () => string, prefix: string) {
  const suffix = randomBytes(3).toString('hex')
  const namespaces: string[] = []
  const rest = (method: string, path: string, body?: unknown) => t().rest(method, path, { token: token(), ...(body === undefined ? {} : { body }) })

  const harness = {
    namespaces,
    async newWorkflow(name: string) {
      const id = (await rest('POST', '/v1/api/workflows', { name, cluster_id: 'testenv' })).body.id as string
      await rest('PUT', `/v1/api/workflows/${id}/status`, { status: 'published' })
      const ns = `${prefix}-${name}-${suffix}`
      namespaces.push(ns)
      return { id, ns }
    },
    async save(id: string, graph: unknown) {
      const wf = await rest('GET', `/v1/api/workflows/${id}`)
      const saved = await rest('POST', `/v1/api/workflows/${id}/save`, { ...(graph as object), revision: wf.body.revision })
      expect(saved.status, JSON.stringify(saved.body)).toBe(200)
      return saved.body
    },
    async run(id: string) {
      const started = await rest('POST', `/v1/api/workflows/${id}/run`, {})
      expect(started.status, JSON.stringify(started.body)).toBe(202)
      return waitForRun(t(), token(), id, started.body.run_id)
    },
    diagnostics: (id: string, nodeId: string) => rest('GET', `/v1/api/workflows/${id}/nodes/${nodeId}/diagnostics`),
    preview: (id: string, nodeId: string, fixId: string) => rest('GET', `/v1/api/workflows/${id}/nodes/${nodeId}/diagnostics/fixes/${fixId}/preview`),
    apply: (id: string, nodeId: string, fixId: string, body: { run?: boolean; revision?: number } = {}) =>
      rest('POST', `/v1/api/workflows/${id}/nodes/${nodeId}/diagnostics/fixes/${fixId}/apply`, body),
    /** Diagnostics until a finding of `type` shows (pods reach their failure a moment after the run saw it). */
    async findingOf(id: string, nodeId: string, type: RegExp, timeoutMs = 60_000): Promise<Finding> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const res = await harness.diagnostics(id, nodeId)
        expect(res.status, JSON.stringify(res.body)).toBe(200)
        const finding = (res.body.findings as Finding[]).find((f) => type.test(f.type))
        if (finding) return finding
        if (Date.now() > deadline) throw new Error(`no ${type} finding: ${JSON.stringify(res.body.findings)}`)
        await new Promise((r) => setTimeout(r, 500))
      }
    },
    /** Applies a fix with `run: true` and waits for that run. */
    async applyAndRun(id: string, nodeId: string, fixId: string) {
      const applied = await harness.apply(id, nodeId, fixId, { run: true })
      expect(applied.status, JSON.stringify(applied.body)).toBe(200)
      expect(applied.body.run_id).toEqual(expect.any(String))
      return waitForRun(t(), token(), id, applied.body.run_id)
    },
  }
  return harness
}

export const nodeStateOf = (run: { node_states: { node_id: string; state: string; message: string }[] }, nodeId: string) => run.node_states.find((s) => s.node_id === nodeId)
