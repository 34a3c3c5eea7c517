import { KubeConfig } from '@kubernetes/client-node'
import fc from 'fast-check'
import { parse, stringify } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKubeconfigProbe, hostileKubeconfig, INLINE_SECRETS, type KubeconfigProbe } from '../testing/index.ts'
import { checkKubeconfig } from './check-kubeconfig.ts'
import { KubeconfigError } from './kubeconfig-error.ts'
import { KEPT } from './kubeconfig-fields.ts'
import { loadKubeConfig } from './load-kube-config.ts'
import { testConnection } from './test-connection.ts'

let probe: KubeconfigProbe
beforeAll(async () => {
  probe = await createKubeconfigProbe()
})
afterAll(() => probe.close())

/** What client-node does with a loaded config before a request: plugins run, files are read here. */
async function useCredentials(kc: KubeConfig) {
  await kc.applyToHTTPSOptions({}).catch(() => {})
}

describe('the probe', () => {
  it('sees client-node run a plugin and read a token file when it is given the text itself', async () => {
    const text = (user: string) =>
      `clusters: [{ name: c, cluster: { server: "${probe.server}", insecure-skip-tls-verify: true } }]\nusers: [{ name: u, user: ${user} }]\ncontexts: [{ name: a, context: { cluster: c, user: u } }]\ncurrent-context: a\n`
    const plugin = new KubeConfig()
    plugin.loadFromString(text(JSON.stringify({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', args: ['-c', probe.command] } })))
    await useCredentials(plugin)
    expect(probe.commandRan()).toBe(true)
    const file = new KubeConfig()
    file.loadFromString(text(JSON.stringify({ 'token-file': probe.secretFile })))
    expect(probe.filesRead()).toContain(probe.secretFile)
    expect((await testConnection(file, { timeoutMs: 3000 })).ok).toBe(false)
    expect(probe.leaks().length).toBeGreaterThan(0)
  })
})

describe('checkKubeconfig on hostile kubeconfigs (fast-check)', () => {
  it('refuses with a KubeconfigError or returns a minimal safe config; nothing runs, nothing is read', async () => {
    const fresh = await createKubeconfigProbe()
    let accepted = 0
    try {
      await fc.assert(
        fc.asyncProperty(hostileKubeconfig(fresh), async ({ yaml, context }) => {
          const result = checkKubeconfig(yaml, context === undefined ? {} : { context })
          if (!result.ok) {
            expect(result.error).toBeInstanceOf(KubeconfigError)
            for (const value of [...INLINE_SECRETS, fresh.secretFile, fresh.marker]) expect(result.error.message).not.toContain(value)
            expect(() => loadKubeConfig({ kubeconfig: yaml, context })).toThrow(KubeconfigError)
            return
          }
          accepted++
          // The stored form holds the chosen entries only, with kept fields only, and is a fixed point.
          const stored = parse(result.minimal)
          expect([stored.clusters.length, stored.users.length, stored.contexts.length]).toEqual([1, 1, 1])
          for (const key of Object.keys(stored.clusters[0].cluster)) expect(KEPT.cluster).toContain(key)
          for (const key of Object.keys(stored.users[0].user)) expect(KEPT.user).toContain(key)
          for (const key of Object.keys(stored.contexts[0].context)) expect(KEPT.context).toContain(key)
          const again = checkKubeconfig(result.minimal)
          expect(again.ok && again.minimal).toBe(result.minimal)
          // client-node reading the stored text sees what the check saw, and nothing else.
          const theirs = new KubeConfig()
          theirs.loadFromString(result.minimal)
          const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null))
          expect(defined(theirs.getCurrentUser()!)).toEqual(result.config.user)
          expect(defined(theirs.getCurrentCluster()!)).toEqual(result.config.cluster)
          expect(defined(theirs.getContextObject(theirs.getCurrentContext())!)).toEqual(result.config.context)
          // Loading and using the credentials, and connecting, run nothing and read nothing.
          const kc = loadKubeConfig({ kubeconfig: yaml, context })
          await useCredentials(kc)
          await testConnection(kc, { timeoutMs: 3000 })
          await useCredentials(theirs)
        }),
        { numRuns: 300 },
      )
      expect(fresh.commandRan()).toBe(false)
      expect(fresh.filesRead()).toEqual([])
      expect(fresh.leaks()).toEqual([])
      expect(accepted).toBeGreaterThan(10)
      expect(fresh.requestCount()).toBeGreaterThan(0)
    } finally {
      await fresh.close()
    }
  })
})

describe('checkKubeconfig on any text (fast-check)', () => {
  it('answers with a result or a KubeconfigError, never another exception', () => {
    const damaged = hostileKubeconfig(probe).chain(({ yaml }) =>
      fc.tuple(fc.nat({ max: yaml.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 6 })).map(([at, cut, insert]) => yaml.slice(0, at) + insert + yaml.slice(at + cut)),
    )
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v)), damaged)
    fc.assert(
      fc.property(text, fc.option(fc.string({ maxLength: 8 }), { nil: undefined }), (yaml, context) => {
        const result = checkKubeconfig(yaml, context === undefined ? {} : { context })
        if (!result.ok) expect(result.error).toBeInstanceOf(KubeconfigError)
      }),
      { numRuns: 1000 },
    )
  })
})
