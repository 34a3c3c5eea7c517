import type { Db } from '@kubeorch/db'

/**
 * Every row of every application table, as one comparable string: "the database is unchanged" is
 * `expect(await dbSnapshot(db)).toBe(before)`. Tables are discovered, so a new model is covered
 * without editing this list; Prisma's own bookkeeping is left out, and so are the login and
 * registration attempt counters (AuthThrottle), which a refused attempt is meant to change.
 */
export async function dbSnapshot(db: Db): Promise<string> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'AuthThrottle') ORDER BY 1`,
  )
  const parts = await Promise.all(
    tables.map(async ({ name }) => {
      const [row] = await db.$queryRawUnsafe<{ rows: unknown }[]>(
        `SELECT coalesce(json_agg(t ORDER BY t::text), '[]'::json) AS rows FROM "${name}" t`,
      )
      return `${name}:${JSON.stringify(row?.rows)}`
    }),
  )
  return parts.join('\n')
}

/** Row counts per table: a cheap "nothing half-recorded" check for fault tests. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
  )
  const out: Record<string, number> = {}
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${name}"`)
    out[name] = Number(row?.n ?? 0)
  }
  return out
}

/** The rows that differ between two snapshots, for a readable failure message. */
export function snapshotDiff(before: string, after: string): string {
  const rows = (s: string) =>
    new Set(s.split('\n').flatMap((line) => {
      const i = line.indexOf(':')
      return (JSON.parse(line.slice(i + 1)) as unknown[]).map((r) => `${line.slice(0, i)} ${JSON.stringify(r)}`)
    }))
  const a = rows(before)
  const b = rows(after)
  const gone = [...a].filter((r) => !b.has(r)).map((r) => `- ${r.slice(0, 600)}`)
  const added = [...b].filter((r) => !a.has(r)).map((r) => `+ ${r.slice(0, 600)}`)
  return [...gone, ...added].join('\n')
}
