import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

// Run as its own process: printing needs the single graphql module instance the schema was built with.
const check = () => spawnSync('npx', ['tsx', 'src/graphql/print-schema.ts', '--check'], { encoding: 'utf8', cwd: new URL('..', import.meta.url).pathname })

describe('schema.graphql', () => {
  it('is the printed schema (run `npm run schema -w @kubeorch/api` after a schema change)', () => {
    const result = check()
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})
