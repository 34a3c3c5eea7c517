import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'api',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['test/kube/**', '**/node_modules/**'],
    globalSetup: ['@kubeorch/db/testing/global-setup'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
