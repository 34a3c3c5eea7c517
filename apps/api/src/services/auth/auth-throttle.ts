import { createHash } from 'node:crypto'
import type { Db } from '@kubeorch/db'
import type { Config } from '../../config.ts'
import { throttledAddress } from './client.ts'

/**
 * Login and registration throttles, counted in PostgreSQL so every replica sees the same counts
 * (table AuthThrottle). Login failures are counted three ways, each with its own free allowance;
 * past it every further attempt must wait 2^k s (k = failures past the allowance, up to
 * `loginMaxDelaySeconds`), answered 429 with Retry-After:
 *
 * - one account from one address (guessing one password): strict, refuses even the right password
 *   from that address while it waits;
 * - one address over all accounts (password spraying): strict;
 * - one account over all addresses (a distributed guess): applies only to addresses that have
 *   never signed in to (or registered) that account in the last 30 days. The owner's usual
 *   address still gets in while strangers wait: someone else's failures never lock the owner out
 *   of a place they used before.
 *
 * An attempt is counted before the password is checked (two racing guesses cannot both pass a
 * limit of one) and a success gives its count back. Counters are forgotten an hour after their last
 * failure. Registration: at most `registrationsPerHour` per address in a fixed hourly window.
 */
export type ThrottleDecision = { ok: true } | { ok: false; retryAfterSeconds: number }

const HOUR = 3600_000
const FORGET_AFTER_MS = HOUR
const KNOWN_FOR_MS = 30 * 24 * HOUR
const PRUNE_EVERY_MS = 60_000

type Row = { key: string; count: number; windowStart: Date; lastAt: Date }

const digest = (s: string) => createHash('sha256').update(s).digest('base64url')
const keys = (email: string, address: string) => {
  const a = throttledAddress(address)
  return { pair: `pair:${digest(`${email}\n${a}`)}`, address: `addr:${digest(a)}`, account: `acct:${digest(email)}`, known: `known:${digest(`${email}\n${a}`)}` }
}

export function createAuthThrottle(config: Config, now: () => number = Date.now) {
  let prunedAt = 0
  const rules = {
    pair: config.loginFreeFailuresPerAccountAddress,
    address: config.loginFreeFailuresPerAddress,
    account: config.loginFreeFailuresPerAccount,
  }

  /** Milliseconds the next attempt must still wait under one counter. */
  function waitMs(row: Row | undefined, free: number, t: number): number {
    if (!row || t - row.lastAt.getTime() > FORGET_AFTER_MS || row.count < free) return 0
    const delay = Math.min(2 ** (row.count - free), config.loginMaxDelaySeconds) * 1000
    return Math.max(0, row.lastAt.getTime() + delay - t)
  }

  /** Rows of `keys`, created when missing, locked for this transaction (always in key order: no deadlocks). */
  async function lock(tx: Pick<Db, '$executeRaw' | '$queryRaw'>, list: string[], at: Date): Promise<Map<string, Row>> {
    const sorted = [...list].sort()
    await tx.$executeRaw`INSERT INTO "AuthThrottle" ("key", "count", "windowStart", "lastAt")
      SELECT k, 0, ${at}, ${at} FROM unnest(${sorted}::text[]) AS k ORDER BY k ON CONFLICT ("key") DO NOTHING`
    const rows = await tx.$queryRaw<Row[]>`SELECT "key", "count", "windowStart", "lastAt" FROM "AuthThrottle"
      WHERE "key" = ANY(${sorted}::text[]) ORDER BY "key" FOR UPDATE`
    return new Map(rows.map((r) => [r.key, r]))
  }

  /** Old counters go (an hour past their last failure; known addresses after 30 days), at most once a minute per process. */
  async function prune(db: Db, t: number) {
    if (t - prunedAt < PRUNE_EVERY_MS) return
    prunedAt = t
    await db.$executeRaw`DELETE FROM "AuthThrottle" WHERE "lastAt" < ${new Date(t - KNOWN_FOR_MS)}
      OR ("lastAt" < ${new Date(t - 2 * HOUR)} AND "key" NOT LIKE 'known:%')`
  }

  const refused = (ms: number): ThrottleDecision => ({ ok: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) })

  return {
    /** Counts a login attempt for `email` from `address`, unless a counter says it must wait. */
    async chargeLogin(db: Db, email: string, address: string): Promise<ThrottleDecision> {
      const t = now()
      await prune(db, t)
      const k = keys(email, address)
      const at = new Date(t)
      return db.$transaction(async (tx) => {
        const rows = await lock(tx, [k.pair, k.address, k.account], at)
        const [known] = await tx.$queryRaw<{ lastAt: Date }[]>`SELECT "lastAt" FROM "AuthThrottle" WHERE "key" = ${k.known}`
        const trusted = !!known && t - known.lastAt.getTime() < KNOWN_FOR_MS
        const wait = Math.max(
          waitMs(rows.get(k.pair), rules.pair, t),
          waitMs(rows.get(k.address), rules.address, t),
          trusted ? 0 : waitMs(rows.get(k.account), rules.account, t),
        )
        if (wait > 0) return refused(wait)
        const forgetBefore = new Date(t - FORGET_AFTER_MS)
        await tx.$executeRaw`UPDATE "AuthThrottle"
          SET "count" = CASE WHEN "lastAt" < ${forgetBefore} THEN 1 ELSE "count" + 1 END, "lastAt" = ${at}
          WHERE "key" = ANY(${[k.pair, k.address, k.account]}::text[])`
        return { ok: true }
      })
    },

    /** The attempt counted by chargeLogin was the right password: give it back, and remember the address. */
    async loginSucceeded(db: Db, email: string, address: string): Promise<void> {
      const k = keys(email, address)
      const at = new Date(now())
      await db.$transaction([
        db.$executeRaw`DELETE FROM "AuthThrottle" WHERE "key" = ${k.pair}`,
        db.$executeRaw`UPDATE "AuthThrottle" SET "count" = greatest("count" - 1, 0) WHERE "key" = ANY(${[k.address, k.account]}::text[])`,
        rememberAddress(db, k.known, at),
      ])
    },

    /** A new account's address is one its owner uses. */
    async remember(db: Db, email: string, address: string): Promise<void> {
      await rememberAddress(db, keys(email, address).known, new Date(now()))
    },

    /** Counts a registration from `address`, unless its hourly quota is used up. */
    async chargeRegistration(db: Db, address: string): Promise<ThrottleDecision> {
      const t = now()
      await prune(db, t)
      const key = `reg:${digest(throttledAddress(address))}`
      const at = new Date(t)
      return db.$transaction(async (tx) => {
        const row = (await lock(tx, [key], at)).get(key)!
        const fresh = t - row.windowStart.getTime() >= HOUR
        if (!fresh && row.count >= config.registrationsPerHour) return refused(row.windowStart.getTime() + HOUR - t)
        await tx.$executeRaw`UPDATE "AuthThrottle" SET "count" = ${fresh ? 1 : row.count + 1},
          "windowStart" = ${fresh ? at : row.windowStart}, "lastAt" = ${at} WHERE "key" = ${key}`
        return { ok: true }
      })
    },
  }
}

const rememberAddress = (db: Db, key: string, at: Date) =>
  db.$executeRaw`INSERT INTO "AuthThrottle" ("key", "count", "windowStart", "lastAt") VALUES (${key}, 0, ${at}, ${at})
    ON CONFLICT ("key") DO UPDATE SET "lastAt" = ${at}`

export type AuthThrottle = ReturnType<typeof createAuthThrottle>
