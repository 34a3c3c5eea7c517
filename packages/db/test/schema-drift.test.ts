import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { getDatamodel } from '../src/generated/pothos-types.ts'
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts'
import { migrateDatabase } from '../src/migrate.ts'

// The Prisma 7 CLI cannot diff here (no native schema engine), so drift is checked by comparing
// the data model Prisma generated from schema.prisma with what the migrations built in PostgreSQL.

const SCALAR_TO_PG: Record<string, string[]> = {
  String: ['text', 'uuid'],
  Int: ['integer'],
  BigInt: ['bigint'],
  Boolean: ['boolean'],
  DateTime: ['timestamp without time zone'],
  Json: ['jsonb'],
  Bytes: ['bytea'],
}

/** Fields whose schema.prisma line names a native type the data model above does not carry (`@db.Json`). */
function nativeJsonFields(): Set<string> {
  const fields = new Set<string>()
  let model = ''
  for (const line of readFileSync(new URL('../../../prisma/schema.prisma', import.meta.url), 'utf8').split('\n')) {
    const start = /^model (\w+) \{/.exec(line)
    if (start) model = start[1]!
    const field = /^\s+(\w+)\s+Json\??\s.*@db\.Json\b/.exec(line)
    if (model && field) fields.add(`${model}.${field[1]}`)
  }
  return fields
}

let t: TestDatabase
let client: pg.Client
beforeAll(async () => {
  t = await createTestDatabase()
  client = new pg.Client({ connectionString: t.url })
  await client.connect()
})
afterAll(async () => {
  await client.end()
  await t.drop()
})

type Column = { table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }

describe('migrations match prisma/schema.prisma', () => {
  it('has every model as a table and every scalar field as a column of the right type and nullability', async () => {
    const { rows } = await client.query<Column>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    )
    const models = getDatamodel().datamodel.models
    const json = nativeJsonFields()
    expect([...json].sort()).toEqual(['Workflow.edges', 'Workflow.nodes', 'WorkflowVersion.edges', 'WorkflowVersion.nodes'])
    const problems: string[] = []
    const expectedTables = new Set(Object.keys(models))
    const actualTables = new Set(rows.map((r) => r.table_name).filter((n) => n !== '_prisma_migrations'))
    for (const tbl of actualTables) if (!expectedTables.has(tbl)) problems.push(`table ${tbl} is not in the schema`)
    for (const [model, def] of Object.entries(models)) {
      const cols = new Map(rows.filter((r) => r.table_name === model).map((r) => [r.column_name, r]))
      if (cols.size === 0) problems.push(`model ${model} has no table`)
      const fieldNames = new Set<string>()
      for (const f of def.fields) {
        if (f.kind === 'object') continue
        fieldNames.add(f.name)
        const col = cols.get(f.name)
        if (!col) {
          problems.push(`${model}.${f.name} has no column`)
          continue
        }
        const type = f.kind === 'enum' ? 'USER-DEFINED' : undefined
        const scalar = json.has(`${model}.${f.name}`) ? ['json'] : SCALAR_TO_PG[f.type]
        // A list is a PostgreSQL array (udt `_<element>`), of the enum itself for an enum list.
        if (f.isList ? col.data_type !== 'ARRAY' || (type && col.udt_name !== `_${f.type}`) : type ? col.data_type !== type || col.udt_name !== f.type : !scalar?.includes(col.data_type))
          problems.push(`${model}.${f.name}: ${f.isList ? `${f.type}[]` : f.type} stored as ${col.data_type}/${col.udt_name}`)
        if ((col.is_nullable === 'NO') !== f.isRequired) problems.push(`${model}.${f.name}: nullability differs`)
      }
      for (const c of cols.keys()) if (!fieldNames.has(c)) problems.push(`${model}.${c} is not in the schema`)
    }
    expect(problems).toEqual([])
  })

  it('has every enum with exactly its values', async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    )
    const enums = Object.fromEntries(rows.map((r) => [r.typname, r.labels]))
    const expected = await import('../src/generated/prisma/enums.ts')
    for (const name of ['ClusterStatus', 'WorkflowStatus', 'WorkflowRole', 'RunStatus', 'TriggerKind'] as const) {
      expect(enums[name], name).toEqual(Object.values(expected[name]))
    }
  })

  it('enforces every unique constraint the schema declares', async () => {
    const { rows } = await client.query<{ tbl: string; cols: string[] }>(
      `SELECT c.relname AS tbl, array_agg(a.attname::text ORDER BY a.attname::text) AS cols
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
       WHERE n.nspname = 'public' AND i.indisunique AND i.indpred IS NULL GROUP BY c.relname, ic.relname`,
    )
    const actual = new Set(rows.map((r) => `${r.tbl}(${r.cols.join(',')})`))
    const expected = new Set<string>()
    for (const [model, def] of Object.entries(getDatamodel().datamodel.models)) {
      for (const f of def.fields) if (f.isId || f.isUnique) expected.add(`${model}(${f.name})`)
      if (def.primaryKey) expected.add(`${model}(${[...def.primaryKey.fields].sort().join(',')})`)
      for (const u of def.uniqueIndexes) expected.add(`${model}(${[...u.fields].sort().join(',')})`)
    }
    actual.delete('_prisma_migrations(id)')
    expect([...actual].sort()).toEqual([...expected].sort())
  })

  it('keeps the partial unique index that allows one running run per workflow', async () => {
    const { rows } = await client.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'WorkflowRun_one_running_per_workflow'`)
    expect(rows[0]?.indexdef).toMatch(/UNIQUE INDEX .* WHERE \(status = 'RUNNING'::"RunStatus"\)/)
  })

  it('is fully applied and re-running the runner applies nothing', async () => {
    const again = await migrateDatabase(t.url)
    expect(again.applied).toEqual([])
    expect(again.skipped.length).toBeGreaterThan(0)
  })
})
