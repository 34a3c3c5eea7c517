import { z } from 'zod'
import { connectionInput } from './cluster-connection.ts'

export const clusterName = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lowercase letters, digits and "-", starting and ending with a letter or digit')

export const createClusterInput = z.object({
  name: clusterName,
  description: z.string().trim().max(500).optional(),
  connection: connectionInput.optional(),
})

export const updateClusterInput = z.object({
  name: clusterName.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  connection: connectionInput.optional(),
})
