// The one command that runs every test: `npm test`.
// Starts what the tests need itself (an embedded PostgreSQL, the test Kubernetes control plane —
// built once into $HOME/.cache — and, for the browser tests, the API and web app), then runs the
// type checks, every workspace's vitest project and the Playwright end-to-end tests.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { delimiter, dirname } from 'node:path'

// Chromium and Go first (scripts/ensure-tools.sh finds or installs them, or names the command to
// run): a missing one must stop the run now, not after the unit tests, half-way through the browser tests.
const tools = spawnSync('bash', ['scripts/ensure-tools.sh'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' })
if (tools.status !== 0) {
  console.log('\n0 passed, 0 failed (the test tools are missing; see above)')
  process.exit(tools.status ?? 1)
}
const found = Object.fromEntries(tools.stdout.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)))

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
  DO_NOT_TRACK: '1',
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
  // The go found first on PATH, for packages/testenv's build; the browser for playwright.config.ts.
  PATH: `${dirname(found.GO!)}${delimiter}${process.env.PATH ?? ''}`,
  KUBEORCH_CHROMIUM: found.CHROMIUM!,
}
const results = '.test-results'
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

function run(cmd: string, args: string[], opts: { env?: Record<string, string> } = {}): number {
  console.log(`\n$ ${cmd} ${args.join(' ')}`)
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...opts.env } }).status ?? 1
}
const must = (code: number) => code === 0 || process.exit(code)

must(run('npx', ['turbo', 'run', 'build', '--filter=@kubeorch/db']))
must(run('npm', ['run', 'typecheck']))
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`, ...process.argv.slice(2)])
const e2e = process.argv.length > 2 ? 0 : run('npm', ['run', 'test:e2e', '-w', '@kubeorch/web'], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${process.cwd()}/${results}/playwright.json` } })

// CI keeps only this output: for a failed browser test, print the page as it was (Playwright's
// accessibility snapshot), so the log says what the person would have seen.
if (e2e !== 0) printFailedPages('apps/web/test-results')

// One closing line for both runners, in the plain form CI reads.
let passed = 0
let failed = 0
if (existsSync(`${results}/vitest.json`)) {
  const v = JSON.parse(readFileSync(`${results}/vitest.json`, 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
}
if (existsSync(`${results}/playwright.json`)) {
  const p = JSON.parse(readFileSync(`${results}/playwright.json`, 'utf8'))
  passed += p.stats.expected
  failed += p.stats.unexpected + p.stats.flaky
}
// The reliability suites (apps/api/test/reliability, apps/api/test/kube/faults-*) report what they tried.
const reliability = `${results}/reliability`
if (existsSync(reliability)) {
  const totals: Record<string, number> = {}
  for (const file of readdirSync(reliability)) {
    const r = JSON.parse(readFileSync(`${reliability}/${file}`, 'utf8'))
    totals[r.category] = (totals[r.category] ?? 0) + r.total
  }
  console.log(`\nreliability: ${totals.faults ?? 0} fault scenarios survived, ${totals.fuzz ?? 0} fuzz cases, ${totals.tenants ?? 0} cross-tenant probes, ${totals.secrets ?? 0} secret checks, ${totals.auth ?? 0} auth probes (failures above if anything was lost or leaked)`)
}
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(unit || e2e || (failed > 0 ? 1 : 0))

function printFailedPages(dir: string) {
  if (!existsSync(dir)) return
  for (const test of readdirSync(dir)) {
    const file = `${dir}/${test}/error-context.md`
    if (!existsSync(file)) continue
    const text = readFileSync(file, 'utf8')
    console.log(`\n--- ${file} (${text.length} chars) ---\n${text.slice(0, 12_000)}${text.length > 12_000 ? '\n[cut]' : ''}`)
  }
}
