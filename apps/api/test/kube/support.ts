import { readFileSync } from 'node:fs'
import { inject } from 'vitest'
import { CoreV1Api, AppsV1Api, KubeConfig } from '@kubernetes/client-node'
import type { TestApp } from '../support/test-app.ts'

export const kubeconfigPath = () => inject('kubeconfigPath') ?? process.env.KUBECONFIG_TESTENV!

export function testClients() {
  const kc = new KubeConfig()
  kc.loadFromFile(kubeconfigPath())
  return { kc, core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) }
}

/** Registers the test control plane as a cluster of the user, from its kubeconfig. */
export async function registerTestCluster(t: TestApp, token: string, name = 'testenv') {
  const res = await t.rest('POST', '/v1/api/clusters', { token, body: { name, kubeconfig: readFileSync(kubeconfigPath(), 'utf8') } })
  if (res.status !== 201) throw new Error(`cluster registration failed: ${JSON.stringify(res.body)}`)
  return res.body
}

/** Polls the run record until it leaves `running` (the run itself is driven by watches). */
export async function waitForRun(t: TestApp, token: string, workflowId: string, runId: string, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const res = await t.rest('GET', `/v1/api/workflows/${workflowId}/runs/${runId}`, { token })
    if (res.body.status !== 'running') return res.body
    if (Date.now() > deadline) throw new Error(`run still running: ${JSON.stringify(res.body.logs.slice(-5))}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Polls `probe` every 200 ms until it returns something truthy; errors from the probe fail at once. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
