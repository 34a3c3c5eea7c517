import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'kube',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['@kubeorch/testenv/global-setup'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
})
