import { z } from 'zod';
import { baseFields } from '../shared/base-fields.ts';
import { applyPortShorthand, checkContainer, containerFields, podFields } from '../shared/container.ts';
import { intField } from '../shared/numbers.ts';

/** Fields of a Job, shared with CronJob's job template. */
export const jobFields = {
  ...containerFields,
  ...podFields,
  completions: intField(1).optional(),
  parallelism: intField(0).optional(),
  backoffLimit: intField(0).default(6),
  restartPolicy: z.enum(['Never', 'OnFailure']).default('Never'),
  activeDeadlineSeconds: intField(1).optional(),
  ttlSecondsAfterFinished: intField(0).optional(),
};

export const jobDataSchema = z
  .strictObject({ ...baseFields(), ...jobFields })
  .superRefine(checkContainer)
  .transform(applyPortShorthand);

export type JobData = z.output<typeof jobDataSchema>;
