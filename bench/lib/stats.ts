/** Order statistics over samples (nearest-rank percentiles), in the samples' unit. */
export function summarize(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  const pct = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
  return {
    n: s.length,
    min: s[0]!,
    median: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: s[s.length - 1]!,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  }
}
export type Summary = ReturnType<typeof summarize>

/** One row of the results table. */
export type Row = {
  benchmark: string
  workload: string
  reps: number
  unit: string
  median: number
  p95: number
  /** Extra figures (p99, ratios, RSS …) that the row's target is judged on. */
  extra?: Record<string, number | string>
  target: string
  pass: boolean | null
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2))

/** A Markdown table (also readable in a terminal). */
export function table(rows: Row[]): string {
  const head = ['benchmark', 'workload', 'reps', 'median', 'p95', 'other', 'target', 'result']
  const body = rows.map((r) => [
    r.benchmark,
    r.workload,
    String(r.reps),
    `${fmt(r.median)} ${r.unit}`,
    `${fmt(r.p95)} ${r.unit}`,
    Object.entries(r.extra ?? {}).map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`).join(', '),
    r.target,
    r.pass === null ? 'n/a' : r.pass ? 'pass' : '**miss**',
  ])
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n')
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
