/**
 * Reconnect delay after `attempt` consecutive failures (0-based): exponential from `baseMs`, capped
 * at `maxMs`, with up to 20% jitter taken from `random` so many watchers do not retry in lockstep.
 */
export function backoffDelay(attempt: number, { baseMs = 500, maxMs = 30_000, random = Math.random } = {}): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30))
  return Math.round(exp * (0.8 + 0.2 * random()))
}
