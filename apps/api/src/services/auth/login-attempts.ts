import { RateLimitedError } from '../../errors.ts'

const WINDOW_MS = 15 * 60_000
const MAX_FAILURES = 10

/**
 * Failed logins per email in a sliding window, in process memory: guessing one account's password
 * is throttled whichever API (REST or GraphQL) the guesses come through.
 */
export function createLoginThrottle(now: () => number = Date.now) {
  const failures = new Map<string, number[]>()
  const recent = (email: string) => (failures.get(email) ?? []).filter((t) => now() - t < WINDOW_MS)
  return {
    check(email: string) {
      const list = recent(email)
      if (list.length >= MAX_FAILURES) throw new RateLimitedError(Math.ceil((list[0]! + WINDOW_MS - now()) / 1000))
    },
    fail(email: string) {
      failures.set(email, [...recent(email), now()])
    },
    succeed(email: string) {
      failures.delete(email)
    },
  }
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>
