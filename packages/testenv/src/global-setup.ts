import type { TestProject } from 'vitest/node'
import type {} from './provided-context.ts'
import { startControlPlane, type ControlPlane } from './control-plane.ts'
import { ensureBinaries } from './ensure-binaries.ts'

let controlPlane: ControlPlane | undefined
// Several vitest projects list this setup and each may load its own copy of this module: the
// first one's control plane is shared through the process-wide global registry.
const registry = globalThis as { [key: symbol]: Promise<ControlPlane> | undefined }
const SHARED = Symbol.for('kubeorch.testenv.control-plane')

/**
 * vitest globalSetup: one control plane per test run, shared by all files.
 * Use it from another package's vitest config as
 *   globalSetup: ['@kubeorch/testenv/global-setup']
 * and read `inject('kubeconfigPath')` (or process.env.KUBECONFIG_TESTENV).
 */
export async function setup(project: TestProject): Promise<void> {
  const first = !registry[SHARED]
  registry[SHARED] ??= (async () => {
    const log = (line: string) => console.error(line)
    const binDir = await ensureBinaries(log)
    return startControlPlane({ binDir, log })
  })()
  const cp = await registry[SHARED]!
  if (first) controlPlane = cp
  process.env.KUBECONFIG_TESTENV = cp.kubeconfigPath
  process.env.TESTENV_POD_LOG_FILE = cp.podLogFile
  project.provide('kubeconfigPath', cp.kubeconfigPath)
  project.provide('podLogFile', cp.podLogFile)
}

export async function teardown(): Promise<void> {
  // Only the setup that started the control plane stops it, after every project has finished.
  const cp = controlPlane
  controlPlane = undefined
  if (cp) registry[SHARED] = undefined
  await cp?.stop()
}
