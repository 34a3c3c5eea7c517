import { spawn } from 'node:child_process'
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cacheDir } from './cache-dir.ts'
import { killGroup } from './processes.ts'

/**
 * A plain-text record of one running control plane, so that processes left
 * behind by a run that died without cleaning up (SIGKILL, OOM, a crashed
 * test runner) can be found and ended later:
 *
 *   owner <pid of the node process that started it>
 *   workdir <path>
 *   pid <pid> <component>     (one per component; each is a process-group leader)
 *
 * Text rather than JSON so the shell watchdog below can read it.
 */
export class RunRecord {
  readonly file: string

  constructor(readonly workDir: string) {
    const dir = join(cacheDir(), 'run')
    mkdirSync(dir, { recursive: true })
    this.file = join(dir, `${process.pid}-${Date.now()}.pids`)
    writeFileSync(this.file, `owner ${process.pid}\nworkdir ${workDir}\n`)
  }

  add(pid: number, name: string): void {
    appendFileSync(this.file, `pid ${pid} ${name}\n`)
  }

  remove(): void {
    rmSync(this.file, { force: true })
  }

  /**
   * Starts a detached shell that polls the owner every second and, once it is
   * gone while this record still exists (so stop() never ran), ends every
   * recorded group and removes the work dir. This covers a SIGKILLed test
   * runner, where no exit handler can run, and an owner killed in the middle of
   * its own cleanup. It is itself a recorded group; a normal stop() ends it
   * last, once the components are gone and this record is removed.
   */
  startWatchdog(): number | undefined {
    const script = `
      while kill -0 "$1" 2>/dev/null; do sleep 1; done
      [ -f "$2" ] || exit 0
      pids=$(awk '$1=="pid" && $3!="watchdog" {print $2}' "$2")
      for p in $pids; do kill -TERM "-$p" 2>/dev/null; done
      sleep 3
      for p in $pids; do kill -KILL "-$p" 2>/dev/null; done
      rm -rf -- "$3" "$2"`
    const child = spawn('sh', ['-c', script, 'testenv-watchdog', String(process.pid), this.file, this.workDir], {
      detached: true,
      stdio: 'ignore',
    })
    child.unref()
    if (child.pid !== undefined) this.add(child.pid, 'watchdog')
    return child.pid
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM means it exists but is not ours: still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

/**
 * Ends the processes of earlier runs whose owner is dead, and removes their
 * work dirs and records. Runs of live owners (another test run in parallel)
 * are left alone. A recorded pid is only killed if its command line still
 * mentions that run's work dir, so a recycled pid is never hit.
 */
export function reapStaleRuns(log: (line: string) => void = () => {}): void {
  const dir = join(cacheDir(), 'run')
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.pids'))
  } catch {
    return
  }
  for (const f of files) {
    const path = join(dir, f)
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch {
      continue
    }
    const owner = Number(/^owner (\d+)$/m.exec(text)?.[1])
    const workDir = /^workdir (.+)$/m.exec(text)?.[1]
    if (!owner || alive(owner) || !workDir) continue
    for (const m of text.matchAll(/^pid (\d+) (\S+)$/gm)) {
      const pid = Number(m[1])
      const name = m[2]
      const cl = cmdline(pid)
      if (cl.includes(workDir) || (name === 'watchdog' && cl.includes('testenv-watchdog'))) {
        log(`testenv: killing leftover ${name} (pid ${pid}) of a dead run (owner ${owner})`)
        killGroup(pid, 'SIGKILL')
      }
    }
    rmSync(workDir, { recursive: true, force: true })
    rmSync(path, { force: true })
  }
}
