import type { RestClient } from './lib/client.ts'
import { graphs } from './lib/graphs.ts'
import { summarize, type Row } from './lib/stats.ts'

const SAVE_UNITS = 100 // 500 nodes
const COMPARE_UNITS = 200 // 1,000 nodes
const REPS = 60
const COLD_REPS = 10
const WARMUP = 30

/** Milliseconds of one HTTP request to the API on loopback, measured by the client. */
async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now()
  const r = await fn()
  return [performance.now() - t0, r]
}

/**
 * 3. Save and compare. Save: POST /workflows/:id/save of a 500-node design (5 kinds per unit,
 * 380 edges), each save based on the previous revision and moving every node a little (so every
 * save writes a new graph). Compare: GET /versions/compare between two 1,000-node versions
 * (a tenth of the Deployments changed, a twentieth of the units removed, 3 units added, every
 * node moved): design diff + manifest diff with unified diffs. Save is reported twice: the
 * server's time (its Server-Timing header: body read and parsed, validated, stored, answer
 * serialized) and the round trip on loopback (adding HTTP and the client's JSON on both sides).
 * Compare times are round trips.
 */
export async function saveBench(rest: RestClient, log: (s: string) => void): Promise<{ rows: Row[]; details: unknown }> {
  const ns = 'bench-save'
  const base = graphs.app(SAVE_UNITS, ns)
  const { id } = await rest.call('POST', '/workflows', { name: 'save-500', cluster_id: 'testenv' })
  let revision = 0
  const saves: number[] = []
  const serverSaves: number[] = []
  const bodyBytes = JSON.stringify(base).length
  for (let i = 0; i < WARMUP + REPS; i++) {
    const nodes = base.nodes.map((n) => ({ ...n, position: { x: n.position.x + i, y: n.position.y } }))
    const [ms, saved] = await timed(() => rest.call('POST', `/workflows/${id}/save`, { nodes, edges: base.edges, revision }))
    revision = saved.revision
    if (i >= WARMUP) {
      saves.push(ms)
      serverSaves.push(rest.serverMs)
    }
  }
  log(`save: 500 nodes, server median ${summarize(serverSaves).median.toFixed(1)} ms, round trip median ${summarize(saves).median.toFixed(1)} ms`)

  const big = graphs.app(COMPARE_UNITS, ns)
  const edited = graphs.edited(big, ns)
  const wf = await rest.call('POST', '/workflows', { name: 'compare-1000', cluster_id: 'testenv' })
  let rev = (await rest.call('POST', `/workflows/${wf.id}/save`, { ...big, revision: 0 })).revision
  await rest.call('POST', `/workflows/${wf.id}/versions`, { name: 'before' })
  rev = (await rest.call('POST', `/workflows/${wf.id}/save`, { ...edited, revision: rev })).revision
  await rest.call('POST', `/workflows/${wf.id}/versions`, { name: 'after' })
  const compares: number[] = []
  let last: any
  for (let i = 0; i < WARMUP + REPS; i++) {
    const [ms, diff] = await timed(() => rest.call('GET', `/workflows/${wf.id}/versions/compare?v1=1&v2=2`))
    last = diff
    if (i >= WARMUP) compares.push(ms)
  }
  const shape = summarizeDiff(last)
  log(`compare: 1,000 nodes, median ${summarize(compares).median.toFixed(1)} ms (${JSON.stringify(shape)})`)

  // The API keeps renderings of versions it has compared: a pair never compared before pays for
  // reading and rendering both. Each cold sample compares two versions stored just before.
  const colds: number[] = []
  for (let i = 0; i < COLD_REPS; i++) {
    const stored: number[] = []
    for (const g of [big, edited]) {
      const nodes = g.nodes.map((n) => ({ ...n, position: { x: n.position.x, y: n.position.y + i + 1 } }))
      rev = (await rest.call('POST', `/workflows/${wf.id}/save`, { nodes, edges: g.edges, revision: rev })).revision
      stored.push((await rest.call('POST', `/workflows/${wf.id}/versions`, {})).version)
    }
    const [ms] = await timed(() => rest.call('GET', `/workflows/${wf.id}/versions/compare?v1=${stored[0]}&v2=${stored[1]}`))
    colds.push(ms)
  }
  log(`compare, first time: 1,000 nodes, median ${summarize(colds).median.toFixed(1)} ms`)

  const s = summarize(saves)
  const ss = summarize(serverSaves)
  const c = summarize(compares)
  const cc = summarize(colds)
  return {
    rows: [
      { benchmark: '3. save, server time', workload: `${base.nodes.length}-node canvas (${base.edges.length} edges, ${(bodyBytes / 1024).toFixed(0)} KB), REST save, the API's Server-Timing`, reps: REPS, unit: 'ms', median: ss.median, p95: ss.p95, target: 'p50 ≤ 20 ms', pass: ss.median <= 20 },
      { benchmark: '3. save, round trip', workload: `the same saves, request → response on loopback (HTTP and client JSON added)`, reps: REPS, unit: 'ms', median: s.median, p95: s.p95, target: '—', pass: null },
      { benchmark: '3. compare versions', workload: `two ${big.nodes.length}-node versions (${edited.nodes.length} nodes after edit), design + manifest diff, request → response`, reps: REPS, unit: 'ms', median: c.median, p95: c.p95, target: '≤ 50 ms (p50)', pass: c.median <= 50 },
      { benchmark: '3. compare versions, first time', workload: `as above, each time two versions stored just before (none read or rendered by the API yet)`, reps: COLD_REPS, unit: 'ms', median: cc.median, p95: cc.p95, target: '≤ 50 ms (p50)', pass: cc.median <= 50 },
    ],
    details: { save: { samples: saves, summary: s, serverSamples: serverSaves, serverSummary: ss, bodyBytes }, compare: { samples: compares, summary: c, diff: shape }, compareFirstTime: { samples: colds, summary: cc } },
  }
}

function summarizeDiff(d: any) {
  const count = (x: unknown) => (Array.isArray(x) ? x.length : typeof x === 'object' && x ? Object.keys(x).length : x)
  const g = d?.graph ?? {}
  const m = d?.manifests ?? {}
  return {
    graph: Object.fromEntries(Object.entries(g).map(([k, v]) => [k, count(v)])),
    manifests: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, count(v)])),
    bytes: JSON.stringify(d).length,
  }
}
