import { z } from 'zod';
import { requiredOr } from '../shared/messages.ts';
import { jobFields } from '../job/schema.ts';
import { baseFields } from '../shared/base-fields.ts';
import { applyPortShorthand, checkContainer } from '../shared/container.ts';
import { cronScheduleProblem } from '../shared/cron.ts';
import { dns1123Label } from '../shared/names.ts';
import { intField } from '../shared/numbers.ts';

const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export const cronjobDataSchema = z
  .strictObject({
    // The controller names each Job "<name>-<11 digit suffix>", which must stay a 63-char label.
    ...baseFields(dns1123Label(52)),
    ...jobFields,
    schedule: z
      .string({ error: requiredOr('must be a cron schedule such as "*/5 * * * *"') })
      .superRefine((schedule, ctx) => {
        const problem = cronScheduleProblem(schedule);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    timeZone: z
      .string({ error: requiredOr('must be an IANA time zone such as "Europe/Paris"') })
      .refine((v) => TIME_ZONE.test(v) && v !== 'Local', { error: 'must be an IANA time zone such as "Europe/Paris"' })
      .optional(),
    concurrencyPolicy: z.enum(['Allow', 'Forbid', 'Replace']).default('Allow'),
    suspend: z.boolean({ error: requiredOr('must be true or false') }).default(false),
    startingDeadlineSeconds: intField(0).optional(),
    successfulJobsHistoryLimit: intField(0).default(3),
    failedJobsHistoryLimit: intField(0).default(1),
  })
  .superRefine(checkContainer)
  .transform(applyPortShorthand);

export type CronjobData = z.output<typeof cronjobDataSchema>;
