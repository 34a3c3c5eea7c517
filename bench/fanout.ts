import { openSse, type RestClient } from './lib/client.ts'
import { clusterClient, flipConfigMap } from './lib/cluster.ts'
import { peakRssMb, rssMb, startApi, type BenchEnv } from './lib/env.ts'
import { sleep, summarize, type Row } from './lib/stats.ts'
import { LIVE_NS } from './live.ts'

const SUBSCRIBERS = 1000
const EVENTS = 20
const CONNECT_BATCH = 100

/**
 * 4. Fan-out. A fresh API process (a child, so RSS is the server's; it resumes watching the
 * deployed live workflow on start) gets 1,000 REST SSE subscribers to that workflow. The
 * ConfigMap is changed EVENTS times; every subscriber must receive every node_update, in order.
 * Reports the delivery time of each event to the last subscriber, and the server's RSS.
 */
export async function fanoutBench(env: BenchEnv, rest: RestClient, workflowId: string, log: (s: string) => void): Promise<{ rows: Row[]; details: unknown }> {
  const api = await startApi(env, log)
  const core = clusterClient(env.controlPlane.kubeconfig)
  const stream = `${api.url}/v1/api/workflows/${workflowId}/status/stream`
  try {
    // The restarted monitor must have listed the cluster before a change produces an event.
    let flips = 0
    const probe: string[] = []
    const one = await openSse(stream, rest.token, (e) => e.type === 'node_update' && probe.push(e.data.message))
    for (const deadline = Date.now() + 30_000; probe.length === 0; flips++) {
      if (Date.now() > deadline) throw new Error('the restarted API never reported a node_update')
      await flipConfigMap(core, LIVE_NS, flips)
      await sleep(500)
    }
    one.close()
    await sleep(1000)
    const baseline = rssMb(api.pid)

    const clients = Array.from({ length: SUBSCRIBERS }, () => ({ messages: [] as string[], at: [] as number[] }))
    const conns: { close(): void }[] = []
    const c0 = performance.now()
    for (let b = 0; b < SUBSCRIBERS; b += CONNECT_BATCH) {
      const batch = clients.slice(b, b + CONNECT_BATCH).map((c) =>
        openSse(stream, rest.token, (e) => {
          if (e.type === 'node_update' && e.data.node_id === 'cfg') {
            c.messages.push(e.data.message)
            c.at.push(e.at)
          }
        }),
      )
      conns.push(...(await Promise.all(batch)))
    }
    const connectMs = performance.now() - c0
    await sleep(1000)
    const connected = rssMb(api.pid)
    log(`fan-out: ${SUBSCRIBERS} SSE subscribers connected in ${connectMs.toFixed(0)} ms; RSS ${baseline.toFixed(0)} → ${connected.toFixed(0)} MB`)

    const toLast: number[] = []
    const toMedian: number[] = []
    const expected: string[] = []
    for (let k = 0; k < EVENTS; k++) {
      const change = await flipConfigMap(core, LIVE_NS, flips + k)
      expected.push(change.expect)
      for (const deadline = Date.now() + 30_000; clients.some((c) => c.at.length <= k); ) {
        if (Date.now() > deadline) break
        await sleep(5)
      }
      const arrivals = clients.filter((c) => c.at.length > k).map((c) => c.at[k]! - change.at)
      toLast.push(Math.max(...arrivals))
      toMedian.push(summarize(arrivals).median)
      await sleep(100)
    }
    await sleep(500)
    const complete = clients.filter((c) => c.messages.length === EVENTS && c.messages.every((m, i) => m === expected[i])).length
    const rss = rssMb(api.pid)
    const peak = peakRssMb(api.pid)
    for (const c of conns) c.close()
    const l = summarize(toLast)
    log(`fan-out: ${complete}/${SUBSCRIBERS} got all ${EVENTS} events in order; to last subscriber p50 ${l.median.toFixed(0)} ms; RSS ${rss.toFixed(0)} MB (peak ${peak.toFixed(0)})`)
    return {
      rows: [
        {
          benchmark: '4. fan-out',
          workload: `${SUBSCRIBERS} REST SSE subscribers on one API process, ${EVENTS} node_updates; time from the change to the last subscriber`,
          reps: EVENTS,
          unit: 'ms',
          median: l.median,
          p95: l.p95,
          extra: { delivered: `${complete}/${SUBSCRIBERS}`, 'RSS MB': rss, 'peak RSS MB': peak },
          target: 'all delivered; RSS ≤ 300 MB',
          pass: complete === SUBSCRIBERS && peak <= 300,
        },
      ],
      details: { subscribers: SUBSCRIBERS, events: EVENTS, complete, connectMs, rssMb: { baseline, connected, end: rss, peak }, toLast: { samples: toLast, summary: l }, toMedian: summarize(toMedian) },
    }
  } finally {
    await api.stop()
  }
}
