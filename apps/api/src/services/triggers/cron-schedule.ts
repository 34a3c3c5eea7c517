import { CronExpressionParser } from 'cron-parser'

/**
 * Five-field cron (minute hour day-of-month month day-of-week), evaluated in an IANA time zone.
 * Seconds are refused: pg-boss, which fires the ticks, works at minute granularity.
 */
export function scheduleIssue(cron: string): string | undefined {
  if (cron.trim().split(/\s+/).length !== 5) return 'must have 5 fields: minute hour day-of-month month day-of-week'
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC', strict: false })
    return undefined
  } catch (e) {
    return `is not a valid cron expression: ${(e as Error).message}`
  }
}

export function timezoneIssue(tz: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return undefined
  } catch {
    return `unknown time zone "${tz}" (use an IANA name such as Europe/Berlin or UTC)`
  }
}

/** The first occurrence strictly after `from`. */
export function nextFireAt(cron: string, tz: string, from: Date): Date {
  return CronExpressionParser.parse(cron, { tz, currentDate: from }).next().toDate()
}

/** The latest occurrence at or before `at`. */
export function latestTick(cron: string, tz: string, at: Date): Date {
  return CronExpressionParser.parse(cron, { tz, currentDate: new Date(at.getTime() + 1) }).prev().toDate()
}

/** How many occurrences fall strictly between `after` and `before` (bounded by `max`). */
export function ticksBetween(cron: string, tz: string, after: Date, before: Date, max = 1000): number {
  const it = CronExpressionParser.parse(cron, { tz, currentDate: after, endDate: before })
  let n = 0
  while (n < max && it.hasNext()) {
    if (it.next().toDate().getTime() >= before.getTime()) break
    n++
  }
  return n
}
