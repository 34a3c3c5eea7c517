import type { CoreV1Api } from '@kubernetes/client-node'

/** Polls `fn` until it returns a non-undefined value, or fails after `timeoutMs` with the last error seen. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await fn()
      if (value !== undefined) return value
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * A fresh namespace per test (generateName), ready for bare pods: waits for its `default`
 * ServiceAccount, which the controller-manager creates shortly after the namespace
 * (ServiceAccount admission refuses pods until then).
 */
export async function createNamespace(core: CoreV1Api, prefix = 't-'): Promise<string> {
  const ns = await core.createNamespace({ body: { metadata: { generateName: prefix, labels: { 'testenv.kubeorch.dev/test': 'true' } } } })
  const name = ns.metadata!.name!
  await waitFor(`ServiceAccount ${name}/default`, () => core.readNamespacedServiceAccount({ name: 'default', namespace: name }))
  return name
}
