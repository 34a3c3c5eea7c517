import type {} from 'vitest'

// Values src/global-setup.ts provides to tests: `inject('kubeconfigPath')`.
// Imported (type-only) by index.ts so that any package using
// @kubeorch/testenv sees these keys typed.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin kubeconfig of the shared control plane (KubeConfig.loadFromFile works on it). */
    kubeconfigPath: string
    /** CRI-format log file kwok serves for every container; see appendPodLog(). */
    podLogFile: string
  }
}
