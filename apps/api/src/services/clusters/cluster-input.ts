import { z } from 'zod'
import { connectionInput } from './cluster-connection.ts'

export const clusterName = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lowercase letters, digits and "-", starting and ending with a letter or digit')

/** How the credentials were given (KubeOrch's authType); all of them are stored as a sealed kubeconfig. */
export const AUTH_TYPES = ['kubeconfig', 'token', 'serviceaccount', 'certificate'] as const
const displayName = z.string().trim().min(1).max(100)

export const createClusterInput = z.object({
  name: clusterName,
  displayName: displayName.optional(),
  description: z.string().trim().max(500).optional(),
  connection: connectionInput.optional(),
  authType: z.enum(AUTH_TYPES).optional(),
})

export const updateClusterInput = z.object({
  name: clusterName.optional(),
  displayName: displayName.nullable().optional(),
  description: z.string().trim().max(500).nullable().optional(),
  connection: connectionInput.optional(),
  authType: z.enum(AUTH_TYPES).optional(),
})
