import { defineConfig } from 'vitest/config'

// Tests that deploy to the real control plane of packages/testenv.
export default defineConfig({
  test: {
    name: 'api-kube',
    include: ['test/kube/**/*.test.ts'],
    globalSetup: ['@kubeorch/db/testing/global-setup', '@kubeorch/testenv/global-setup'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
})
