import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const OUT = fileURLToPath(new URL('../../../../../.test-results/reliability/', import.meta.url))

/** `auth`: throttle, session, CSRF, scope and ticket probes (test/reliability/auth-*.test.ts and login-throttle). */
export type TallyCategory = 'faults' | 'fuzz' | 'tenants' | 'secrets' | 'auth'

/**
 * Counts what a reliability suite tried. Each suite prints its counts and writes them to
 * .test-results/reliability/<suite>.json with its category and a total — the `headline` count,
 * or the sum of all — which `npm test` adds up into its closing note (scripts/test.ts).
 */
export function createTally(suite: string, category: TallyCategory, headline?: string) {
  const counts: Record<string, number> = {}
  return {
    counts,
    add(key: string, n = 1) {
      counts[key] = (counts[key] ?? 0) + n
    },
    report() {
      console.log(`[reliability] ${suite}: ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(', ')}`)
      mkdirSync(OUT, { recursive: true })
      const total = headline ? (counts[headline] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0)
      writeFileSync(`${OUT}${suite}.json`, JSON.stringify({ suite, category, total, counts }, null, 2))
    },
  }
}
