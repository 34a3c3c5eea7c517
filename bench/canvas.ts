import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright'
import { freePort } from '@kubeorch/db/testing'
import { restClient } from './lib/client.ts'
import { onCleanup, ROOT, startApi, type BenchEnv } from './lib/env.ts'
import { graphs } from './lib/graphs.ts'
import { sleep, summarize, type Row } from './lib/stats.ts'

const UNITS = 100 // 500 nodes
const OPEN_REPS = 5
const PANS = 3
const PAN_MS = 3000
const WEB = join(ROOT, 'apps/web')
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

/**
 * 5. Canvas. The built web app (`next start` of apps/web/.next) against an API of its own, in
 * Debian's Chromium through Playwright (1280×800, headless, no GPU). Time to interactive:
 * navigation → the first node card visible, the editor showing "Saved" (graph loaded) and the
 * next animation frame painted. Panning: the pane dragged for PAN_MS in 60 small moves while
 * requestAnimationFrame records frame times in the page.
 */
export async function canvasBench(env: BenchEnv, log: (s: string) => void): Promise<{ rows: Row[]; details: unknown }> {
  if (!existsSync(join(WEB, '.next/BUILD_ID'))) {
    log('canvas: apps/web has no build (.next/BUILD_ID); run `npm run build -w @kubeorch/web` first — skipped')
    return { rows: [{ benchmark: '5. canvas', workload: 'skipped: apps/web not built', reps: 0, unit: '', median: NaN, p95: NaN, target: '≥ 50 fps', pass: null }], details: { skipped: true } }
  }
  const webPort = await freePort()
  const webUrl = `http://127.0.0.1:${webPort}`
  const api = await startApi(env, log, { webOrigin: webUrl })
  const next = spawn(process.execPath, [createRequire(join(WEB, 'package.json')).resolve('next/dist/bin/next'), 'start', '-p', String(webPort), '-H', '127.0.0.1'], {
    cwd: WEB,
    env: { ...process.env, KUBEORCH_API_URL: api.url, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
    detached: true, // its own process group, ended as a whole below
  })
  const stopNext = () => {
    try {
      if (next.pid && next.exitCode === null) process.kill(-next.pid, 'SIGTERM')
    } catch {}
  }
  onCleanup(stopNext)
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  onCleanup(() => browser.close())
  try {
    for (const deadline = Date.now() + 60_000; !(await fetch(webUrl).then((r) => r.status < 500, () => false)); ) {
      if (Date.now() > deadline) throw new Error('next start did not answer within 60 s')
      await sleep(300)
    }
    const rest = restClient(api.url)
    const { user } = await rest.signUp('canvas')
    await rest.call('POST', '/clusters', { name: 'testenv', kubeconfig: env.controlPlane.kubeconfig })
    const graph = graphs.app(UNITS, 'bench-canvas')
    const { id } = await rest.call('POST', '/workflows', { name: 'canvas-500', cluster_id: 'testenv' })
    await rest.call('POST', `/workflows/${id}/save`, { ...graph, revision: 0 })

    const newPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
      // Signed in as the web app is: the API's session cookie, set through the context's own jar.
      const signIn = await context.request.post(`${api.url}/graphql`, {
        data: { query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename } }', variables: { e: user.email, p: 'correct horse battery staple' } },
        headers: { 'content-type': 'application/json', origin: webUrl },
      })
      if ((await signIn.json()).data?.signIn?.__typename !== 'MutationSignInSuccess') throw new Error(`canvas: sign-in failed: ${await signIn.text()}`)
      return { context, page: await context.newPage() }
    }
    const open = async (page: Page) => {
      const t0 = performance.now()
      await page.goto(`${webUrl}/workflows/${id}`)
      await page.locator('.react-flow__node').first().waitFor({ state: 'visible', timeout: 60_000 })
      await page.locator('.save-state', { hasText: 'Saved' }).waitFor({ timeout: 60_000 })
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))))
      return performance.now() - t0
    }

    const tti: number[] = []
    let rendered = 0
    for (let i = 0; i < OPEN_REPS + 1; i++) {
      const { context, page } = await newPage()
      const ms = await open(page)
      if (i > 0) tti.push(ms) // the first open warms next's caches
      rendered = await page.locator('.react-flow__node').count()
      await context.close()
    }
    log(`canvas: open median ${summarize(tti).median.toFixed(0)} ms (${rendered} node cards in the DOM)`)

    const { context, page } = await newPage()
    await open(page)
    await sleep(1000)
    const start = await emptyPanePoint(page)
    const frames: number[] = []
    const fpsPerPan: number[] = []
    for (let p = 0; p < PANS; p++) {
      // A string, not a function: tsx's transform would add helpers the page does not have.
      // Each drag's loop records into its own array and ends when a newer drag starts: a loop of
      // the previous drag still waiting for its last frame must not count frames twice.
      await page.evaluate(`(() => {
        const frames = []; const drag = (window.__drag ?? 0) + 1
        window.__drag = drag; window.__frames = frames
        const tick = (t) => { if (window.__drag !== drag) return; frames.push(t); requestAnimationFrame(tick) }
        requestAnimationFrame(tick)
      })()`)
      await page.mouse.move(start.x, start.y)
      await page.mouse.down()
      const dir = p % 2 === 0 ? 1 : -1
      const t0 = Date.now()
      for (let s = 1; Date.now() - t0 < PAN_MS && s <= 600; s++) {
        await page.mouse.move(start.x + dir * ((s * 7) % 400), start.y + dir * ((s * 3) % 200))
        await sleep(PAN_MS / 60)
      }
      await page.mouse.up()
      const stamps = await page.evaluate<number[]>('(window.__drag += 1, window.__frames)')
      const intervals = stamps.slice(1).map((t, i) => t - stamps[i]!)
      frames.push(...intervals)
      fpsPerPan.push((1000 * intervals.length) / (stamps.at(-1)! - stamps[0]!))
    }
    await context.close()
    const t = summarize(tti)
    const f = summarize(frames)
    const fps = summarize(fpsPerPan)
    log(`canvas: panning ${fps.median.toFixed(1)} fps (frame p95 ${f.p95.toFixed(1)} ms)`)
    const workload = `${graph.nodes.length}-node workflow, Chromium 1280×800 headless, no GPU`
    return {
      rows: [
        { benchmark: '5. canvas: time to interactive', workload: `${workload}; navigation → first card visible, "Saved", next frame`, reps: OPEN_REPS, unit: 'ms', median: t.median, p95: t.p95, target: '(none given)', pass: null },
        { benchmark: '5. canvas: panning', workload: `${workload}; ${PANS} drags of ${PAN_MS / 1000} s, rAF frame intervals`, reps: frames.length, unit: 'ms/frame', median: f.median, p95: f.p95, extra: { 'fps (median of drags)': fps.median }, target: '≥ 50 fps', pass: fps.median >= 50 },
      ],
      details: { tti: { samples: tti, summary: t }, frameIntervals: f, fpsPerPan, nodeCardsInDom: rendered },
    }
  } finally {
    await browser.close()
    stopNext()
    await api.stop()
  }
}

/** A point of the empty pane (not on a node, edge or panel) to start a drag from. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate<{ x: number; y: number } | null>(`(() => {
    for (let y = 120; y < 760; y += 20)
      for (let x = 80; x < 1200; x += 20) {
        const el = document.elementFromPoint(x, y)
        if (el && el.classList.contains('react-flow__pane')) return { x, y }
      }
    return null
  })()`)
  if (!p) throw new Error('no empty spot of the canvas pane to drag')
  return p
}
