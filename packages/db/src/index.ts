export { createDb, type Db } from './client.ts'
export { migrateDatabase, MIGRATIONS_DIR, type MigrationResult } from './migrate.ts'
export { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.ts'
export { Prisma } from './generated/prisma/client.ts'
export type * from './generated/prisma/models.ts'
export {
  WorkflowStatus,
  RunStatus,
  TriggerKind,
  ClusterStatus,
  WorkflowRole,
} from './generated/prisma/enums.ts'
export { getDatamodel } from './generated/pothos-types.ts'
export type { default as PrismaTypes } from './generated/pothos-types.ts'
