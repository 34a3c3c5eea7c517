import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { name: 'db', include: ['test/**/*.test.ts'], globalSetup: ['./src/testing/global-setup.ts'], hookTimeout: 60_000 },
})
