import { defineConfig } from 'vitest/config'

// Each workspace keeps its own vitest project config (name, files, global setup). The control
// plane global setup is shared: the first project to need it starts it, the others reuse it.
export default defineConfig({
  test: {
    projects: [
      'packages/domain',
      'packages/db',
      'apps/api/vitest.config.ts',
      'apps/api/vitest.kube.config.ts',
      'packages/kube',
      'packages/testenv',
      'testdata',
      'scripts/vitest.config.ts',
    ],
  },
})
