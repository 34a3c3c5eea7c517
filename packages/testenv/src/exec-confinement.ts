import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * How `kubectl exec` into a testenv pod is confined. kwok has no containers: it would run the
 * command as a process of this machine, as the user who started the control plane. Our kwok build
 * (scripts/build.sh) hands every exec to EXEC_LAUNCHER instead, which runs the command in
 * namespaces of its own (mount, PID, network, …) on a private root, as uid EXEC_UID; see the
 * launcher's header for what it sees.
 */
export const EXEC_LAUNCHER = fileURLToPath(new URL('../kwok/exec-confine.sh', import.meta.url))

/** The environment variable through which kwok finds the launcher (see go/kwok-patch). */
export const EXEC_LAUNCHER_ENV = 'KUBEORCH_EXEC_LAUNCHER'

/** The uid and gid exec'd commands run as (nobody). */
export const EXEC_UID = 65534

/** What the launcher needs besides the command (set through kwok's ClusterExec): an empty dir to mount its root on. */
export function launcherEnv(execDir: string): Record<string, string> {
  return { KUBEORCH_EXEC_ROOT: execDir }
}

/**
 * Throws unless the kwok binary carries the exec patch: a kwok from elsewhere (TESTENV_BIN)
 * would ignore the launcher and run commands unconfined.
 */
export async function assertKwokConfinesExec(binDir: string): Promise<void> {
  const kwok = join(binDir, 'kwok')
  if (!(await readFile(kwok)).includes(EXEC_LAUNCHER_ENV))
    throw new Error(`${kwok} is not built by scripts/build.sh (no exec confinement); it would run pod exec commands on this machine`)
}

/**
 * Runs `true` through the launcher, as kwok would: undefined when exec works, else the reason
 * it is refused (e.g. no user namespaces for an unprivileged user).
 */
export async function probeExecConfinement(execDir: string): Promise<string | undefined> {
  const child = spawn(EXEC_LAUNCHER, ['--', 'true'], { cwd: execDir, env: launcherEnv(execDir), stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  return code === 0 ? undefined : stderr.trim() || `the exec launcher exited with ${code}`
}
