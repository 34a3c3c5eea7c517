import { defineConfig } from 'prisma/config'

// The schema and migrations live at the repository root; this package owns the generated client.
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
})
