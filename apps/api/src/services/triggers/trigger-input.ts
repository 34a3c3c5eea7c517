import { z } from 'zod'
import { pageInput } from '../pagination.ts'
import { scheduleIssue, timezoneIssue } from './cron-schedule.ts'

const cron = z.string().trim().min(1).max(200).superRefine((v, ctx) => {
  const issue = scheduleIssue(v)
  if (issue) ctx.addIssue({ code: 'custom', message: issue })
})
const timezone = z.string().trim().min(1).max(100).superRefine((v, ctx) => {
  const issue = timezoneIssue(v)
  if (issue) ctx.addIssue({ code: 'custom', message: issue })
})
const name = z.string().trim().max(100)

export const createTriggerInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('schedule'), name: name.default(''), cron, timezone: timezone.default('UTC'), enabled: z.boolean().default(true) }),
  z.object({ kind: z.literal('webhook'), name: name.default(''), enabled: z.boolean().default(true) }),
])

export const updateTriggerInput = z.object({ name: name.optional(), cron: cron.optional(), timezone: timezone.optional(), enabled: z.boolean().optional() })

export const listFiringsInput = z.object(pageInput)
