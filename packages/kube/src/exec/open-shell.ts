import type { KubeConfig, V1Status } from '@kubernetes/client-node'
import { ExecError, execInContainer, type ExecOptions, type ExecSession } from './exec-in-container.ts'

export const DEFAULT_SHELLS = ['bash', 'sh'] as const

export type OpenShellOptions = Omit<ExecOptions, 'command'> & {
  /** Tried in order until one exists in the container (default bash, then sh). */
  shells?: readonly string[]
}

export type ShellSession = ExecSession & { readonly shell: string }

/**
 * An interactive shell in a container, falling back through `shells` (bash → sh). Each candidate
 * is first probed with `<shell> -c 'exit 0'` (no stdin): a missing shell answers with a "not
 * found" Failure status at once, while an interactive attempt with input already on its way may
 * be cut off without any status, which cannot be told from a shell that exited.
 */
export async function openShell(kc: KubeConfig, opts: OpenShellOptions): Promise<ShellSession> {
  const shells = opts.shells?.length ? [...opts.shells] : [...DEFAULT_SHELLS]
  const tried: string[] = []
  for (const [index, shell] of shells.entries()) {
    const last = index === shells.length - 1
    if (!last) {
      const probe = await execInContainer(kc, { ...opts, tty: false, command: [shell, '-c', 'exit 0'], onStdout: () => {}, onStderr: () => {} })
      const end = await probe.done
      if (shellMissing(end.status)) {
        tried.push(shell)
        continue
      }
    }
    const session = await execInContainer(kc, { ...opts, command: [shell] })
    return Object.assign(session, { shell })
  }
  throw new ExecError(undefined, `no shell found in container "${opts.container}" (tried ${tried.join(', ')})`)
}

/**
 * The runtime could not find the shell: a Failure status saying so, or exit code 126/127 (a
 * kubelet's ExitCode cause; kwok only writes "exit status N" into the message).
 */
export function shellMissing(status: V1Status | undefined): boolean {
  if (!status || status.status === 'Success') return false
  const exitCode = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message ?? /\bexit status (\d+)\b/.exec(status.message ?? '')?.[1]
  if (exitCode === '126' || exitCode === '127') return true
  return /not found|no such file|executable file/i.test(status.message ?? '')
}
