import { z } from 'zod'

export const pageInput = {
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}

export type Page<T> = { items: T[]; total: number; page: number; limit: number }
