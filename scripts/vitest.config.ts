import { defineProject } from 'vitest/config'

// The repository's own commands (npm test's set-up); no database, no control plane.
export default defineProject({
  test: { name: 'scripts', include: ['scripts/**/*.test.ts'], root: new URL('..', import.meta.url).pathname },
})
