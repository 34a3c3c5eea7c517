import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'testenv',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./src/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
})
