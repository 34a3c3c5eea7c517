import { defineConfig } from 'vitest/config'

// Each workspace keeps its own vitest project config (name, files, global setup).
export default defineConfig({
  test: {
    projects: ['packages/domain', 'packages/db', 'apps/api', 'packages/testenv'],
  },
})
