-- At most one running run per workflow, enforced by the database so two concurrent "run"
-- requests cannot both start (Prisma's schema language cannot express a partial index).
CREATE UNIQUE INDEX "WorkflowRun_one_running_per_workflow" ON "WorkflowRun"("workflowId") WHERE "status" = 'RUNNING';
