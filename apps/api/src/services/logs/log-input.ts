import { z } from 'zod'

const flag = z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean())
const count = (max: number) => z.coerce.number().int().min(0).max(max)

/** Options of a node's log stream; REST passes strings, GraphQL typed values. */
export const nodeLogInput = z.strictObject({
  pod: z.string().min(1).max(253).optional(),
  container: z.string().min(1).max(63).optional(),
  follow: flag.default(true),
  tailLines: count(10_000).optional(),
  sinceSeconds: count(30 * 24 * 3600).refine((n) => n > 0, 'must be at least 1').optional(),
  previous: flag.default(false),
  timestamps: flag.default(false),
})

export type NodeLogInput = z.output<typeof nodeLogInput>
