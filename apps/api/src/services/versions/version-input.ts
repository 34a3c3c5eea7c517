import { z } from 'zod'
import { pageInput } from '../pagination.ts'

const label = z.string().trim().min(1).max(100)

export const createVersionInput = z.object({
  name: label.optional(),
  tag: z.string().trim().min(1).max(50).regex(/^[\w.\-]+$/, 'may contain letters, digits, "_", "." and "-"').optional(),
  description: z.string().trim().max(2000).optional(),
})
export const updateVersionInput = createVersionInput.extend({
  name: label.nullable().optional(),
  tag: createVersionInput.shape.tag.unwrap().nullable().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
})
export const VERSION_ORIGINS = ['manual', 'run', 'restore', 'fix'] as const
export const listVersionsInput = z.object({
  ...pageInput,
  /** Only versions with a tag. REST sends query strings, GraphQL a boolean. */
  tagged: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  /** Only versions of this origin. */
  origin: z.enum(VERSION_ORIGINS).optional(),
})
export const versionNumber = z.coerce.number({ error: 'must be a version number' }).int().min(1)
export const compareVersionsInput = z.object({ v1: versionNumber, v2: versionNumber, includePosition: z.coerce.boolean().default(false) })
