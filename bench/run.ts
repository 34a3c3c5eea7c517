import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { restClient } from './lib/client.ts'
import { cleanupAll, ROOT, startApi, startEnv } from './lib/env.ts'
import { table, type Row } from './lib/stats.ts'
import { canvasBench } from './canvas.ts'
import { deployBench } from './deploy.ts'
import { fanoutBench } from './fanout.ts'
import { liveBench } from './live.ts'
import { saveBench } from './save.ts'

/**
 * `npm run bench [-- names…]`: starts one PostgreSQL, one control plane and the API (a child
 * process), runs the benchmarks side by side, prints the table and writes bench/results/latest.json.
 * Names: save, compare, deploy, live, fanout, canvas (default: all).
 */
const ALL = ['save', 'deploy', 'live', 'fanout', 'canvas'] as const
const picked = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const want = (name: (typeof ALL)[number]) => picked.length === 0 || picked.includes(name)
const started = Date.now()
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${s}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    log(`${signal}: stopping`)
    void cleanupAll().finally(() => process.exit(130))
  })

const rows: Row[] = []
const details: Record<string, unknown> = {}
let failed = false
try {
  const env = await startEnv(log)
  const api = await startApi(env, log)
  const rest = restClient(api.url)
  await rest.signUp('bench')
  await rest.call('POST', '/clusters', { name: 'testenv', kubeconfig: env.controlPlane.kubeconfig })

  if (want('save')) {
    const r = await saveBench(rest, log)
    rows.push(...r.rows)
    details.save = r.details
  }
  if (want('deploy')) {
    const r = await deployBench(env, api, rest, log)
    rows.push(...r.rows)
    details.deploy = r.details
  }
  let liveWorkflow: string | undefined
  if (want('live') || want('fanout')) {
    const r = await liveBench(env, api, rest, log)
    liveWorkflow = r.workflowId
    if (want('live')) {
      rows.push(...r.rows)
      details.live = r.details
    }
  }
  if (want('fanout')) {
    await api.stop() // the fan-out gets an API process of its own
    const r = await fanoutBench(env, rest, liveWorkflow!, log)
    rows.push(...r.rows)
    details.fanout = r.details
  }
  if (want('canvas')) {
    await api.stop()
    const r = await canvasBench(env, log)
    rows.push(...r.rows)
    details.canvas = r.details
  }
} catch (e) {
  failed = true
  console.error(e)
} finally {
  await cleanupAll()
}

if (rows.length) {
  const out = table(rows)
  console.log(`\n${out}\n`)
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  const result = {
    date: new Date().toISOString(),
    command: `npm run bench${picked.length ? ` -- ${picked.join(' ')}` : ''}`,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    git: readFileSync(join(ROOT, '.git/HEAD'), 'utf8').trim(),
    rows,
    details,
    table: out,
  }
  writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(result, null, 2)}\n`)
  log('wrote bench/results/latest.json')
}
process.exit(failed ? 1 : 0)
