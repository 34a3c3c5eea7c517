// Writes apps/api/schema.graphql, the printed schema, so every schema change shows as a diff.
// `npm run schema -w @kubeorch/api` writes it; `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { printSchema } from 'graphql'
import { schema } from './schema/index.ts'

const file = new URL('../../schema.graphql', import.meta.url)
const printed = `${printSchema(schema)}\n`

if (process.argv.includes('--check')) {
  if (readFileSync(file, 'utf8') !== printed) {
    console.error('schema.graphql is stale: run `npm run schema -w @kubeorch/api`')
    process.exit(1)
  }
} else {
  writeFileSync(file, printed)
  console.log(`wrote ${file.pathname}`)
}
