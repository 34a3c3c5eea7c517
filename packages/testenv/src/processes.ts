import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One started component. */
export interface Component {
  name: string
  pid: number
  logFile: string
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>
  /** Set once the process has exited. */
  exitStatus: number | string | undefined
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** A blocking sleep, for exit handlers where nothing asynchronous runs any more. */
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** Sends `signal` to the whole process group of `pid`; false if it is gone already. */
export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal)
    return true
  } catch {
    return false
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

/** Last `lines` lines of a component's log, for error messages. */
export function tailLog(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/**
 * Starts processes each in its own process group (detached => setsid), with
 * stdout and stderr appended to `<logDir>/<name>.log`, and stops them again.
 * Each component gets a group so that anything it forks (kwok's exec runs
 * commands as children) goes down with it.
 */
export class ProcessSet {
  readonly components: Component[] = []

  constructor(private readonly logDir: string, private readonly onStart?: (c: Component) => void) {}

  start(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Component {
    const logFile = join(this.logDir, `${name}.log`)
    const fd = openSync(logFile, 'a')
    let child: ChildProcess
    try {
      child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], env: env ?? process.env })
    } finally {
      closeSync(fd)
    }
    if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`)
    // Don't keep the event loop alive for the children: stop() and the exit
    // hooks end them; a forgotten stop() must not hang a test run.
    child.unref()
    const component: Component = {
      name,
      pid: child.pid,
      logFile,
      exitStatus: undefined,
      exited: new Promise((resolve) => {
        child.once('exit', (code, signal) => {
          component.exitStatus = code ?? signal ?? 'unknown'
          resolve(component.exitStatus)
        })
        child.once('error', (err) => {
          component.exitStatus = `spawn error: ${err.message}`
          resolve(component.exitStatus)
        })
      }),
    }
    this.components.push(component)
    this.onStart?.(component)
    return component
  }

  /** SIGTERM to one component's group, SIGKILL if it is still there after `graceMs`; resolves once it is gone. */
  async stop(c: Component, graceMs = 10_000): Promise<void> {
    if (!killGroup(c.pid, 'SIGTERM')) return
    const deadline = Date.now() + graceMs
    while (groupAlive(c.pid) && Date.now() < deadline) await sleep(100)
    killGroup(c.pid, 'SIGKILL')
    const gone = Date.now() + 5_000
    while (groupAlive(c.pid) && Date.now() < gone) await sleep(50)
  }

  /** SIGTERM to every group in reverse start order, then SIGKILL whatever is left after `graceMs`. */
  async stopAll(graceMs = 10_000): Promise<void> {
    for (const c of [...this.components].reverse()) {
      if (!killGroup(c.pid, 'SIGTERM')) continue
      const deadline = Date.now() + graceMs
      while (groupAlive(c.pid) && Date.now() < deadline) await sleep(100)
      killGroup(c.pid, 'SIGKILL')
    }
    // The groups are gone once every member is reaped; wait briefly for that
    // so callers can remove the work dir without racing a dying process.
    const deadline = Date.now() + 5_000
    while (this.components.some((c) => groupAlive(c.pid)) && Date.now() < deadline) await sleep(50)
  }

  /**
   * For exit and signal handlers, which cannot await: SIGTERM every group,
   * block up to `graceMs` for them to go, then SIGKILL the rest.
   */
  killAllSync(graceMs = 3_000): void {
    for (const c of [...this.components].reverse()) killGroup(c.pid, 'SIGTERM')
    const deadline = Date.now() + graceMs
    while (this.components.some((c) => groupAlive(c.pid)) && Date.now() < deadline) sleepSync(50)
    for (const c of this.components) killGroup(c.pid, 'SIGKILL')
  }
}
