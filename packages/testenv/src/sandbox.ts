import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startControlPlane, type ControlPlane } from './control-plane.ts'
import { EXEC_UID, probeExecConfinement } from './exec-confinement.ts'
import { FAILURE_IMAGE_EFFECTS, FAILURE_IMAGES } from './failures.ts'

/**
 * `npm run sandbox`: a local cluster for newcomers. Builds the binaries if
 * needed, starts the control plane in the foreground, writes the kubeconfig
 * to <repo>/.data/sandbox/kubeconfig, and stops cleanly on Ctrl-C.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const kubeconfigOut = process.env.SANDBOX_KUBECONFIG ?? join(repoRoot, '.data', 'sandbox', 'kubeconfig')
const nodes = Number(process.env.SANDBOX_NODES ?? 3)

let cp: ControlPlane | undefined
let stopping = false

async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`sandbox: ${signal}, stopping ...`)
  await cp?.stop()
  console.log('sandbox stopped')
  process.exit(0)
}

// Registered before the control plane's own hooks, so a graceful stop() runs
// first; the hooks then find nothing left to kill.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal))

try {
  cp = await startControlPlane({ nodes, log: (line) => console.log(line) })
  await mkdir(dirname(kubeconfigOut), { recursive: true })
  await writeFile(kubeconfigOut, cp.kubeconfig, { mode: 0o600 })
  console.log(`sandbox: pod logs come from ${cp.podLogFile}`)
  const refused = await probeExecConfinement(cp.execDir)
  console.log(refused
    ? `sandbox: kubectl exec and terminals will be refused: ${refused}`
    : `sandbox: kubectl exec runs commands confined: uid ${EXEC_UID}, namespaces of their own, no network, a private root (kwok/exec-confine.sh)`)
  // Its nodes are fake (kwok): no image is ever pulled, so a wrong tag still runs green. These do fail.
  console.log('sandbox: images are never pulled here; to see a failure, use one of these images:')
  for (const key of Object.keys(FAILURE_IMAGES) as (keyof typeof FAILURE_IMAGES)[]) console.log(`  ${FAILURE_IMAGES[key]}  ${FAILURE_IMAGE_EFFECTS[key]}`)
  console.log(`sandbox ready: KUBECONFIG=${kubeconfigOut} (server ${cp.server}); Ctrl-C to stop`)
  // Keep the process alive until a signal arrives (the components are unref'd).
  setInterval(() => {}, 1 << 30)
} catch (err) {
  console.error(`sandbox failed: ${(err as Error).message}`)
  process.exit(1)
}
