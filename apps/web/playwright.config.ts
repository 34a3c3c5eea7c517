import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'

/** A free loopback port, found synchronously (the config must be plain values). */
function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
  return execFileSync(process.execPath, ['-e', script]).toString().trim()
}

// Chosen once in the runner; workers inherit the environment, so every process agrees.
process.env.E2E_API_PORT ??= freePort()
process.env.E2E_WEB_PORT ??= freePort()
// Where the API's control plane kubeconfig goes: tests register that cluster from this file.
process.env.E2E_KUBECONFIG ??= join(tmpdir(), `kubeorch-e2e-${process.env.E2E_API_PORT}.kubeconfig`)
const apiUrl = `http://127.0.0.1:${process.env.E2E_API_PORT}`
const webUrl = `http://127.0.0.1:${process.env.E2E_WEB_PORT}`

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  // `npm test` asks for a JSON report too (PLAYWRIGHT_JSON_OUTPUT_NAME) to print one summary line.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  retries: 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  webServer: [
    {
      command: 'npx tsx e2e/support/start-api.ts',
      url: `${apiUrl}/healthz`,
      env: { PORT: process.env.E2E_API_PORT, KUBEORCH_WEB_ORIGINS: webUrl, E2E_KUBECONFIG: process.env.E2E_KUBECONFIG },
      // PostgreSQL and the control plane (built from source on a cold cache: ensureBinaries).
      timeout: 300_000,
      reuseExistingServer: !!process.env.E2E_REUSE,
      // Time for the API, PostgreSQL and the control plane to stop (start-api bounds each at 5 s).
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
      stdout: 'pipe',
    },
    {
      // The app reads the API URL at request time, so the one build serves any port.
      command: `npx next start -p ${process.env.E2E_WEB_PORT} -H 127.0.0.1`,
      url: webUrl,
      env: { KUBEORCH_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
      timeout: 60_000,
      reuseExistingServer: !!process.env.E2E_REUSE,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
  use: {
    baseURL: webUrl,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; npm test passes the one scripts/ensure-tools.sh found.
      executablePath: process.env.KUBEORCH_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
})
