import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const here = import.meta.dirname
const copy = join(here, 'corpus')
// The original sits beside the repository of the lead's checkout; a CI clone may not have it.
const original = process.env.KUBEORCH_SHARED_CORPUS ?? join(here, '..', '..', 'shared', 'corpus')

function digests(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  walk(root)
  return out
}

describe('testdata/corpus', () => {
  it('holds the real applications the tests use', () => {
    const files = Object.keys(digests(copy))
    expect(files).toContain('podinfo/charts/podinfo/Chart.yaml')
    expect(files).toContain('podinfo/kustomize/kustomization.yaml')
    expect(files).toContain('kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml')
    expect(files).toContain('kubernetes-examples/databases/cassandra/cassandra-statefulset.yaml')
  })

  it.runIf(existsSync(original))('is byte for byte the shared original', () => {
    expect(digests(copy)).toEqual(digests(original))
  })
})
