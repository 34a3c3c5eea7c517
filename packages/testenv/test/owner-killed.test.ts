import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { cacheDir } from '../src/cache-dir.ts'
import { waitFor } from './helpers.ts'

const alive = (pid: number) => {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

/** The component pids (process-group leaders) of the run record the given owner wrote. */
function componentsOf(owner: number): number[] {
  const dir = join(cacheDir(), 'run')
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8')
    if (!text.startsWith(`owner ${owner}\n`)) continue
    return [...text.matchAll(/^pid (\d+) (\S+)$/gm)].filter((m) => m[2] !== 'watchdog').map((m) => Number(m[1]))
  }
  throw new Error(`no run record of owner ${owner}`)
}

// tsx's CLI relays SIGTERM to the script and SIGKILLs it when it does not answer within ~60 ms,
// which it cannot while the exit hook waits synchronously for the components to stop: the owner
// then dies in the middle of its own cleanup (seen as a kube-apiserver left behind by the e2e API).
// The watchdog must outlive that and finish the job.
describe('an owner killed in the middle of its cleanup', () => {
  it('leaves no component running and no work dir behind', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'support/hold-control-plane.ts')], { stdio: ['ignore', 'pipe', 'inherit'] })
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)))
    })
    const { workDir } = JSON.parse(first) as { workDir: string }
    const components = componentsOf(child.pid!)
    expect(components.length).toBeGreaterThanOrEqual(5)
    expect(components.every(alive)).toBe(true)

    child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 60))
    child.kill('SIGKILL')

    await waitFor('every component gone', async () => (components.some(alive) ? undefined : true), 20_000).catch(() => {})
    expect(components.filter(alive)).toEqual([])
    await waitFor('the work dir removed', async () => (existsSync(workDir) ? undefined : true), 10_000).catch(() => {})
    expect(existsSync(workDir)).toBe(false)
  })
})
