import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const OUT = fileURLToPath(new URL('../../../../../.test-results/reliability/', import.meta.url))

/**
 * Counts what a reliability suite tried (fuzz cases, cross-tenant probes, fault scenarios). Each
 * suite prints its counts and writes them to .test-results/reliability/<suite>.json, which the
 * closing note of a CI run adds up.
 */
export function createTally(suite: string) {
  const counts: Record<string, number> = {}
  return {
    counts,
    add(key: string, n = 1) {
      counts[key] = (counts[key] ?? 0) + n
    },
    report() {
      console.log(`[reliability] ${suite}: ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(', ')}`)
      mkdirSync(OUT, { recursive: true })
      writeFileSync(`${OUT}${suite}.json`, JSON.stringify(counts, null, 2))
    },
  }
}
