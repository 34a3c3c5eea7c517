-- The canvas graph is read and written whole, never queried inside: json instead of jsonb
-- (issue 8: a 500-node save spent ~3 ms converting to and from jsonb).
-- AlterTable
ALTER TABLE "Workflow" ALTER COLUMN "nodes" SET DATA TYPE JSON,
ALTER COLUMN "edges" SET DATA TYPE JSON,
ALTER COLUMN "nodes" SET DEFAULT '[]'::json,
ALTER COLUMN "edges" SET DEFAULT '[]'::json;

-- AlterTable
ALTER TABLE "WorkflowVersion" ALTER COLUMN "nodes" SET DATA TYPE JSON,
ALTER COLUMN "edges" SET DATA TYPE JSON;
