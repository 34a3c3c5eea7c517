import { z } from 'zod'
import { pageInput } from '../pagination.ts'

export const workflowName = z.string().trim().min(1, 'must not be empty').max(100)
export const workflowDescription = z.string().trim().max(2000)
export const workflowStatus = z.enum(['draft', 'published', 'archived'])

export const createWorkflowInput = z.object({
  name: workflowName,
  /** A cluster's id or its name. */
  clusterId: z.string().trim().min(1, 'is required'),
  description: workflowDescription.optional(),
})

export const updateWorkflowInput = z
  .object({
    name: workflowName.optional(),
    description: workflowDescription.optional(),
    clusterId: z.string().trim().min(1).optional(),
    /**
     * Moving to another cluster while objects are deployed on the current one: true deletes them
     * there first (what archiving does); without it the move is refused, naming the cluster.
     */
    removeFromCurrentCluster: z.boolean().optional(),
  })
  .refine((v) => [v.name, v.description, v.clusterId].some((x) => x !== undefined), 'nothing to update')

export const listWorkflowsInput = z.object({
  ...pageInput,
  status: workflowStatus.optional(),
  search: z.string().trim().max(100).optional(),
})

export const saveWorkflowInput = z.object({
  nodes: z.array(z.unknown()).max(2000),
  edges: z.array(z.unknown()).max(5000),
  /** The revision the client's copy is based on; omitted by legacy scripts (last writer wins). */
  revision: z.number().int().min(0).optional(),
  /** KubeOrch's save carries the description too; it is written with the graph. */
  description: workflowDescription.optional(),
})

export const cloneWorkflowInput = z.object({ name: workflowName })
export const changeStatusInput = z.object({ status: workflowStatus })
