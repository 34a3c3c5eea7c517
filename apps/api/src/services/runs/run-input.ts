import { z } from 'zod'
import { pageInput } from '../pagination.ts'

export const startRunInput = z.object({
  /** Free-form data from the caller or trigger, stored with the run; size-limited. */
  triggerData: z
    .unknown()
    .optional()
    .refine((v) => v === undefined || JSON.stringify(v).length <= 64 * 1024, 'must be at most 64 KiB of JSON'),
})
export const listRunsInput = z.object(pageInput)
