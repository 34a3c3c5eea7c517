-- CreateEnum
CREATE TYPE "VersionOrigin" AS ENUM ('MANUAL', 'RUN', 'RESTORE', 'FIX');

-- AlterTable
ALTER TABLE "WorkflowVersion" ADD COLUMN     "origin" "VersionOrigin" NOT NULL DEFAULT 'MANUAL';


-- Versions stored before this column: a run's version is marked automatic, a restore names its source.
UPDATE "WorkflowVersion" SET "origin" = 'RUN' WHERE "automatic";
UPDATE "WorkflowVersion" SET "origin" = 'RESTORE' WHERE "restoredFrom" IS NOT NULL AND NOT "automatic";
