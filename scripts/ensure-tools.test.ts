import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

// `npm test` on a machine without Chromium or Go must stop at once with the one command to run,
// never after the unit tests, half-way through the browser tests (issue 14, item 16). The
// "missing" paths are overrides: nothing is uninstalled.
const npmTest = (env: Record<string, string>) => {
  const started = Date.now()
  const r = spawnSync('npx', ['tsx', 'scripts/test.ts'], { encoding: 'utf8', env: { ...process.env, KUBEORCH_INSTALL_TOOLS: 'never', ...env }, timeout: 60_000 })
  return { code: r.status, out: `${r.stdout}${r.stderr}`, ms: Date.now() - started }
}

describe('npm test without its tools', () => {
  it('stops before any test when Chromium is missing, naming the install command', () => {
    const r = npmTest({ KUBEORCH_CHROMIUM: '/nonexistent/chromium' })
    expect(r.code).toBe(1)
    expect(r.out).toContain('no Chromium at /nonexistent/chromium')
    expect(r.out).toContain('run: apt-get install -y chromium')
    expect(r.out).toContain('0 passed, 0 failed')
    // Nothing else started: no build, no type check, no vitest, no Playwright.
    expect(r.out).not.toContain('$ npx turbo')
    expect(r.ms).toBeLessThan(20_000)
  })

  it('stops before any test when Go is missing or too old, naming how to get it', () => {
    const r = npmTest({ KUBEORCH_GO: '/nonexistent/go' })
    expect(r.code).toBe(1)
    expect(r.out).toContain('no Go 1.26.8 or newer at /nonexistent/go')
    expect(r.out).toMatch(/run: GOPROXY=.* npm test/)
    expect(r.out).not.toContain('$ npx turbo')
  })

  it('finds both on this machine and says where', () => {
    const r = spawnSync('bash', ['scripts/ensure-tools.sh'], { encoding: 'utf8', env: { ...process.env, KUBEORCH_INSTALL_TOOLS: 'never' } })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^CHROMIUM=\/.+\nGO=\/.+\/go\n$/)
  })
})
