export { createDb, type Db } from './client.ts'
export { migrateDatabase, MIGRATIONS_DIR, type MigrationResult } from './migrate.ts'
export { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.ts'
export { Prisma } from './generated/prisma/client.ts'
export type {
  User,
  ApiToken,
  Session,
  TerminalTicket,
  Cluster,
  Workflow,
  WorkflowMember,
  WorkflowVersion,
  WorkflowRun,
  RunNodeState,
  RunLog,
  NodeStatus,
  WorkflowTrigger,
  TriggerFiring,
  WebhookDelivery,
  MonitorLease,
} from './generated/prisma/client.ts'
export {
  WorkflowStatus,
  RunStatus,
  TriggerKind,
  ClusterStatus,
  WorkflowRole,
  TokenScope,
  SessionKind,
  VersionOrigin,
} from './generated/prisma/enums.ts'
