import { describe, expect, it } from 'vitest';
import { cronScheduleProblem } from './cron.ts';

describe('cronScheduleProblem', () => {
  it.each(['*/5 * * * *', '0 3 * * 1-5', '15,45 9-17 1 JAN-MAR mon', '0 0 ? * SUN', '@hourly', '0 0 1 */2 *'])(
    'accepts %j',
    (schedule) => {
      expect(cronScheduleProblem(schedule)).toBeUndefined();
    },
  );

  it.each([
    ['* * * *', 'must have 5 fields (minute hour day-of-month month day-of-week), got 4'],
    ['60 * * * *', 'minute field "60": 60 is out of range 0-59'],
    ['* 24 * * *', 'hour field "24": 24 is out of range 0-23'],
    ['* * 0 * *', 'day of month field "0": 0 is out of range 1-31'],
    ['* * * 13 *', 'month field "13": 13 is out of range 1-12'],
    ['* * * * 7', 'day of week field "7": 7 is out of range 0-6'],
    ['*/0 * * * *', 'minute field "*/0": step must be greater than 0'],
    ['5-1 * * * *', 'minute field "5-1": range 5-1 is reversed'],
    ['? * * * *', 'minute field "?": "?" is not a valid value'],
    ['@every 5m', 'unknown macro "@every 5m"; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly'],
    ['CRON_TZ=UTC 0 * * * *', 'must not set a time zone inside the schedule; use timeZone'],
  ])('rejects %j', (schedule, reason) => {
    expect(cronScheduleProblem(schedule)).toBe(reason);
  });
});
