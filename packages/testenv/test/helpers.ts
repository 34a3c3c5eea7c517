import { CoreV1Api, KubeConfig } from '@kubernetes/client-node'
import { inject } from 'vitest'
import { createNamespace, waitFor } from '../src/testing.ts'

export { createNamespace, waitFor }

/** Client config for the control plane started by src/global-setup.ts. */
export function kubeConfig(): KubeConfig {
  const kc = new KubeConfig()
  kc.loadFromFile(inject('kubeconfigPath'))
  return kc
}

/** Polls `fn` every 250 ms until it returns a non-undefined value, or fails after `timeoutMs` with the last value seen. */

export async function deleteNamespace(core: CoreV1Api, name: string): Promise<void> {
  await core.deleteNamespace({ name }).catch(() => {})
}

/** A minimal pod spec; kwok never pulls images, so any image name works. */
export function podSpec(image = 'registry.k8s.io/pause:3.10', name = 'app') {
  return { containers: [{ name, image }] }
}
