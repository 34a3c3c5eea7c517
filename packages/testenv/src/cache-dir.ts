import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Root of everything testenv keeps between runs (Go caches, binaries, pid
 * files). Under $HOME, not the repo: CI runs in a fresh clone on the same
 * machine and must find the cache of earlier runs. Same default as build.sh.
 */
export function cacheDir(): string {
  return process.env.TESTENV_CACHE ?? join(homedir(), '.cache', 'kubeorch-testenv')
}
