import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const buildScript = fileURLToPath(new URL('../scripts/build.sh', import.meta.url))

/** The binaries a control plane needs, all in one directory. */
export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'metrics-server'] as const

/**
 * Returns the directory holding the six binaries, building them first if
 * the cache has no complete build for the pinned versions (scripts/build.sh;
 * the first build takes many minutes, later calls return in well under a
 * second). TESTENV_BIN overrides the lookup, e.g. for a bin dir built once
 * by CI.
 */
export async function ensureBinaries(log: (line: string) => void = (l) => console.error(l)): Promise<string> {
  const override = process.env.TESTENV_BIN
  if (override) {
    const missing = BINARIES.filter((b) => !existsSync(join(override, b)))
    if (missing.length) throw new Error(`TESTENV_BIN=${override} lacks ${missing.join(', ')}`)
    return override
  }
  const child = spawn('bash', [buildScript], { stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: string[] = []
  createInterface({ input: child.stdout }).on('line', (line) => stdout.push(line))
  createInterface({ input: child.stderr }).on('line', log)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  const bin = stdout.at(-1)
  if (code !== 0 || !bin) throw new Error(`scripts/build.sh failed (exit ${code}); see the output above`)
  return bin
}
