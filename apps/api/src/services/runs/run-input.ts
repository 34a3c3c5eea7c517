import { z } from 'zod'
import { tooDeepMessage, valueTooDeep } from '../bounded-json.ts'
import { pageInput } from '../pagination.ts'

export const startRunInput = z.object({
  /** Free-form data from the caller or trigger, stored with the run; size-limited. */
  triggerData: z
    .unknown()
    .optional()
    // Every transport bounds depth already; checked first here too, as JSON.stringify recurses.
    .superRefine((v, ctx) => {
      if (v === undefined) return
      if (valueTooDeep(v) !== undefined) ctx.addIssue({ code: 'custom', message: tooDeepMessage() })
      else if (JSON.stringify(v).length > 64 * 1024) ctx.addIssue({ code: 'custom', message: 'must be at most 64 KiB of JSON' })
    }),
})
export const listRunsInput = z.object(pageInput)
