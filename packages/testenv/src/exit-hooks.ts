/**
 * Synchronous last-resort cleanups, run on process exit and on SIGINT/SIGTERM/
 * SIGHUP. They must be synchronous: an 'exit' listener cannot await.
 */
const cleanups = new Set<() => void>()
let installed = false
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

function runAll(): void {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn)
    try {
      fn()
    } catch {
      // best effort: one failing cleanup must not skip the others
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll()
  // If someone else (vitest, the sandbox) handles this signal, they decide
  // what happens next. Otherwise restore the default and re-raise it, so the
  // process still dies of the signal as it would have without us.
  process.removeListener(signal, onSignal)
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}

/** Registers `fn` to run once at exit or on a terminating signal; returns an unregister function. */
export function onExit(fn: () => void): () => void {
  if (!installed) {
    installed = true
    process.on('exit', runAll)
    for (const s of SIGNALS) process.on(s, onSignal)
  }
  cleanups.add(fn)
  return () => cleanups.delete(fn)
}
