import type { Db } from '@kubeorch/db'
import type { WorkflowGraph } from '@kubeorch/domain'

export type WrittenGraph = { revision: number; status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED'; updatedAt: Date; description: string }

/**
 * Stores a canvas if the workflow is still at `baseRevision`, bumping the revision; undefined when
 * it is not (a newer save won, or the workflow was deleted).
 *
 * One SQL statement with the graph sent as JSON text: Prisma's typed update walks every value of
 * a Json field to encode it, which took ~15 ms of a 500-node save (see bench/save.ts). The columns
 * are `json`, so PostgreSQL checks the text and stores it as it is.
 */
export async function writeWorkflowGraph(
  db: Db,
  workflowId: string,
  baseRevision: number,
  graph: WorkflowGraph,
  secretValues: Uint8Array<ArrayBuffer> | null,
  /** Replaces the description in the same statement when given (KubeOrch's save sends it). */
  description?: string,
): Promise<WrittenGraph | undefined> {
  const rows = await db.$queryRaw<WrittenGraph[]>`
    UPDATE "Workflow"
       SET "nodes" = ${JSON.stringify(graph.nodes)}::json,
           "edges" = ${JSON.stringify(graph.edges)}::json,
           "secretValues" = ${secretValues},
           "description" = COALESCE(${description ?? null}::text, "description"),
           "revision" = "revision" + 1,
           "updatedAt" = now() AT TIME ZONE 'UTC'
     WHERE "id" = ${workflowId}::uuid AND "revision" = ${baseRevision} AND "deletedAt" IS NULL
    RETURNING "revision", "status"::text AS "status", "updatedAt", "description"`
  return rows[0]
}
