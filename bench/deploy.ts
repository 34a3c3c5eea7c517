import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { extractSecretValues, groupByApplyOrder, manifestsToYaml, objectToYaml, renderManifests } from '@kubeorch/domain'
import { openSse, waiter, type RestClient, type SseEvent } from './lib/client.ts'
import type { BenchEnv } from './lib/env.ts'
import { graphs } from './lib/graphs.ts'
import { sleep, summarize, type Row } from './lib/stats.ts'

const run = promisify(execFile)
const UNITS = 10 // × 5 = 50 nodes, 50 objects (+ the namespace)
const REPS = 6
/** The run-log line a run writes after applying and pruning, before it waits for health. */
export const APPLIED_LINE = 'waiting for every node to be healthy'

/**
 * 1. Deploy. The same 50-node design, rendered by @kubeorch/domain, deployed into a fresh namespace
 * per repetition, either by KubeOrch (POST /run → the run log's "waiting for every node to be
 * healthy" reaching an SSE client: validated, rendered, dry-run, namespace created, every object
 * server-side applied, pruned) or by `kubectl apply -f` (client-side apply of the namespace + the
 * same 50 objects, process start to exit). One warm-up each, then REPS each in alternating order.
 */
export async function deployBench(env: BenchEnv, api: { url: string }, rest: RestClient, log: (s: string) => void): Promise<{ rows: Row[]; details: unknown }> {
  const kubectlEnv = { ...process.env, KUBECONFIG: env.controlPlane.kubeconfigPath }
  const cacheDir = join(env.workDir, 'kubectl-cache')
  const ko: number[] = []
  const kc: number[] = []
  const phases: Record<string, number>[] = []
  const namespaces: string[] = []

  async function viaKubeorch(i: number) {
    const ns = `bench-ko-${i}`
    namespaces.push(ns)
    const wf = await rest.publishedWorkflow(`deploy-${i}`, 'testenv', graphs.app(UNITS, ns))
    const marks: Record<string, number> = {}
    const applied = waiter<number>(120_000, `"${APPLIED_LINE}" of run ${i}`)
    const ended = waiter<SseEvent>(120_000, `end of run ${i}`)
    let t0 = 0
    const sse = await openSse(`${api.url}/v1/api/workflows/${wf.id}/status/stream`, rest.token, (e) => {
      if (e.type === 'run_log') {
        const msg = String(e.data.message)
        if (msg.startsWith('rendered')) marks.rendered = e.at - t0
        if (msg.startsWith('server-side dry-run passed')) marks.dryRun = e.at - t0
        if (/ (created|configured|unchanged)$/.test(msg)) marks.lastApply = e.at - t0
        if (msg === APPLIED_LINE) applied.resolve(e.at)
        if (e.data.level === 'error') applied.reject(new Error(`run ${i}: ${msg}`))
      }
      if (e.type === 'run_completed') ended.resolve(e)
    })
    try {
      t0 = performance.now()
      const started = await rest.call('POST', `/workflows/${wf.id}/run`, {})
      marks.accepted = performance.now() - t0
      const t1 = await applied.promise
      // The benchmark ends here; the run would go on waiting for health. Stop it and remove its objects.
      await rest.call('POST', `/workflows/${wf.id}/runs/${started.run_id}/cancel`)
      await ended.promise
      await rest.call('PUT', `/workflows/${wf.id}/status`, { status: 'archived' })
      return { ms: t1 - t0, marks }
    } finally {
      sse.close()
    }
  }

  async function viaKubectl(i: number) {
    const ns = `bench-kc-${i}`
    namespaces.push(ns)
    const graph = graphs.app(UNITS, ns)
    const manifests = groupByApplyOrder(renderManifests(graph, { workflowId: 'kubectl-bench', secretValues: extractSecretValues(graph).values })).flat()
    const file = join(env.workDir, `kubectl-${i}.yaml`)
    writeFileSync(file, `${objectToYaml({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })}---\n${manifestsToYaml(manifests)}`)
    const t0 = performance.now()
    const { stdout } = await run('kubectl', ['apply', '-f', file, '--cache-dir', cacheDir], { env: kubectlEnv, timeout: 120_000 })
    const ms = performance.now() - t0
    const count = stdout.trim().split('\n').length
    if (count !== manifests.length + 1) throw new Error(`kubectl applied ${count} objects, expected ${manifests.length + 1}:\n${stdout}`)
    return { ms }
  }

  const objects = renderManifests(graphs.app(UNITS, 'x'), { workflowId: 'x' }).length
  log(`deploy: warm-up (${objects} objects + namespace)`)
  await viaKubeorch(-1)
  await viaKubectl(-1)
  for (let i = 0; i < REPS; i++) {
    const order = i % 2 === 0 ? (['ko', 'kc'] as const) : (['kc', 'ko'] as const)
    for (const which of order) {
      await sleep(1000) // let the controllers settle from the previous repetition
      if (which === 'ko') {
        const r = await viaKubeorch(i)
        ko.push(r.ms)
        phases.push(r.marks)
      } else kc.push((await viaKubectl(i)).ms)
    }
    log(`deploy rep ${i + 1}/${REPS}: kubeorch ${ko.at(-1)!.toFixed(0)} ms, kubectl ${kc.at(-1)!.toFixed(0)} ms`)
  }
  await Promise.all(namespaces.map((ns) => run('kubectl', ['delete', 'namespace', ns, '--wait=false', '--ignore-not-found', '--cache-dir', cacheDir], { env: kubectlEnv }).catch(() => {})))

  const a = summarize(ko)
  const b = summarize(kc)
  const ratio = a.median / b.median
  const workload = `${graphs.app(UNITS, 'x').nodes.length}-node design, ${objects} objects + namespace, fresh namespace each`
  return {
    rows: [
      { benchmark: '1. deploy: KubeOrch run', workload: `${workload}; POST run → "${APPLIED_LINE}" on SSE`, reps: REPS, unit: 'ms', median: a.median, p95: a.p95, extra: { 'ratio to kubectl (median)': ratio }, target: '≤ 0.5× kubectl', pass: ratio <= 0.5 },
      { benchmark: '1. deploy: kubectl apply -f', workload: `${workload}; client-side apply, process start → exit`, reps: REPS, unit: 'ms', median: b.median, p95: b.p95, target: 'baseline', pass: null },
    ],
    details: { kubeorch: { samples: ko, summary: a, phases }, kubectl: { samples: kc, summary: b }, ratio },
  }
}
