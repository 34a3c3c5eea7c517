import type { TestProject } from 'vitest/node'
import type {} from './provided-context.ts'
import { startControlPlane, type ControlPlane } from './control-plane.ts'
import { ensureBinaries } from './ensure-binaries.ts'

let controlPlane: ControlPlane | undefined

/**
 * vitest globalSetup: one control plane per test run, shared by all files.
 * Use it from another package's vitest config as
 *   globalSetup: ['@kubeorch/testenv/global-setup']
 * and read `inject('kubeconfigPath')` (or process.env.KUBECONFIG_TESTENV).
 */
export async function setup(project: TestProject): Promise<void> {
  const log = (line: string) => console.error(line)
  const binDir = await ensureBinaries(log)
  controlPlane = await startControlPlane({ binDir, log })
  process.env.KUBECONFIG_TESTENV = controlPlane.kubeconfigPath
  process.env.TESTENV_POD_LOG_FILE = controlPlane.podLogFile
  project.provide('kubeconfigPath', controlPlane.kubeconfigPath)
  project.provide('podLogFile', controlPlane.podLogFile)
}

export async function teardown(): Promise<void> {
  await controlPlane?.stop()
  controlPlane = undefined
}
