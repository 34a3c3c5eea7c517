import fc from 'fast-check'
import { stringify } from 'yaml'
import type { KubeconfigProbe } from './kubeconfig-probe.ts'

export type HostileKubeconfig = { yaml: string; context?: string }

const PEM = Buffer.from('-----BEGIN CERTIFICATE-----\nTUlJQnByb2Jl\n-----END CERTIFICATE-----\n').toString('base64')
/** Inline credentials of generated kubeconfigs (tests check none of them leaks). */
export const INLINE_SECRETS = ['inline-token-4f7c2a9e', 'inline-password-91bd']

/**
 * Kubeconfigs with plugins, file paths and repeated names in random places, aimed at a probe:
 * every command would create the probe's marker, every path names its secret file, every server
 * is its recording endpoint. About one case in six is safe to register.
 */
export function hostileKubeconfig(probe: Pick<KubeconfigProbe, 'server' | 'secretFile' | 'marker' | 'command'>): fc.Arbitrary<HostileKubeconfig> {
  const exec = () => ({ apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', args: ['-c', probe.command], interactiveMode: 'Never' })
  const touch = `touch '${probe.marker}'`

  // A coherent way to log in (token, basic, client certificate, anonymous), plus at times a plugin or a path.
  const login = fc.constantFrom<Record<string, unknown>>(
    { token: INLINE_SECRETS[0] },
    { token: INLINE_SECRETS[0], as: 'someone' },
    { username: 'admin', password: INLINE_SECRETS[1] },
    { 'client-certificate-data': PEM, 'client-key-data': PEM },
    { extensions: [] },
  )
  const hostileUserField = fc.constantFrom<[string, () => unknown]>(
    ['token-file', () => probe.secretFile],
    ['tokenFile', () => probe.secretFile],
    ['Token-File', () => probe.secretFile],
    ['token_file', () => probe.secretFile],
    ['exec', exec],
    ['Exec', exec],
    ['auth-provider', () => ({ name: 'exec', config: { exec: exec() } })],
    ['auth-provider', () => ({ name: 'gcp', config: { 'cmd-path': touch } })],
    ['auth-provider', () => ({ name: 'azure', config: { 'cmd-path': touch, 'expiry-key': '{.x}', 'token-key': '{.y}' } })],
    ['auth-provider', () => ({ name: 'file', config: { tokenFile: probe.secretFile } })],
    ['authProvider', () => ({ name: 'gcp', config: { 'cmd-path': touch } })],
    ['client-certificate', () => probe.secretFile],
    ['client-key', () => probe.secretFile],
    ['clientKey', () => probe.secretFile],
    ['as-groups', () => ['system:masters']],
    ['Token', () => INLINE_SECRETS[0]],
    ['password', () => INLINE_SECRETS[1]],
    ['unknown-field', () => 1],
  )
  const user = fc
    .record({ login, extra: fc.oneof({ weight: 2, arbitrary: fc.uniqueArray(hostileUserField, { minLength: 1, maxLength: 2, selector: ([k]) => k }) }, { weight: 3, arbitrary: fc.constant<[string, () => unknown][]>([]) }) })
    .map(({ login, extra }) => ({ ...login, ...Object.fromEntries(extra.map(([k, v]) => [k, v()])) }))

  const clusterField = fc.constantFrom<[string, () => unknown]>(
    ['certificate-authority', () => probe.secretFile],
    ['certificateAuthority', () => probe.secretFile],
    ['certificate-authority-data', () => PEM],
    ['proxy-url', () => 'http://127.0.0.1:1'],
    ['tls-server-name', () => 'kubernetes'],
    ['disable-compression', () => true],
    ['extensions', () => []],
    ['exec', exec],
  )
  const cluster = fc
    .record({
      insecure: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      extra: fc.oneof({ weight: 2, arbitrary: fc.constant<[string, () => unknown][]>([]) }, { weight: 1, arbitrary: fc.uniqueArray(clusterField, { maxLength: 2, selector: ([k]) => k }) }),
    })
    .map(({ insecure, extra }) => ({
      server: probe.server,
      ...(insecure ? { 'insecure-skip-tls-verify': true } : {}),
      ...Object.fromEntries(extra.map(([k, v]) => [k, v()])),
    }))
  // One to three coherent (cluster, user, context) triples named alike, as real kubeconfigs are;
  // then mutations that make names ambiguous or dangling, the shapes that once split the check
  // from client-node's reading (a second context of the same name whose user runs a plugin).
  const triple = fc.record({ name: fc.constantFrom('a', 'b', 'c'), cluster, user, namespace: fc.constantFrom(undefined, undefined, 'default', 'default', 'Bad_NS') })
  const mutation = fc.constantFrom('shadowed-context', 'duplicate-context', 'duplicate-user', 'duplicate-cluster', 'dangling-cluster', 'dangling-user', 'unnamed', 'odd-name', 'borrowed-user')
  return fc
    .record({
      triples: fc.uniqueArray(triple, { minLength: 1, maxLength: 3, selector: (t) => t.name }),
      mutations: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(mutation, fc.nat()), { minLength: 1, maxLength: 2 }) }),
      // An index picks one of the triples (most often), else a name that may be missing or not a string.
      current: fc.oneof(fc.constant(undefined), fc.nat(), fc.constantFrom<unknown>('z', true)),
      chosen: fc.oneof(fc.constant(undefined), fc.nat(), fc.constant('z')),
    })
    .map(({ triples, mutations, current, chosen }) => {
      const clusters: Record<string, unknown>[] = triples.map((t) => ({ name: t.name, cluster: t.cluster }))
      const users: Record<string, unknown>[] = triples.map((t) => ({ name: t.name, user: t.user }))
      const contexts: { name?: unknown; context: Record<string, unknown> }[] = triples.map((t) => ({
        name: t.name,
        context: { cluster: t.name, user: t.name, ...(t.namespace ? { namespace: t.namespace } : {}) },
      }))
      const plugin = { name: 'evil', user: { exec: exec() } }
      for (const [kind, n] of mutations) {
        const i = triples.length ? n % triples.length : 0
        const name = triples[i]?.name ?? 'a'
        // The outside probe's shape: a context of the same name before it, naming a cluster with an
        // empty name (client-node drops both), so a reader by name and client-node pick different ones.
        if (kind === 'shadowed-context' && contexts[i]) {
          clusters.unshift({ name: '', cluster: { server: probe.server, 'insecure-skip-tls-verify': true } })
          contexts.splice(i, 0, { name: contexts[i].name, context: { cluster: '', user: contexts[i].context.user } })
          contexts[i + 1]!.context.user = 'evil'
          users.push(plugin)
        }
        if (kind === 'duplicate-context') contexts.push({ name, context: { cluster: name, user: 'evil' } }), users.push(plugin)
        if (kind === 'duplicate-user') users.push({ name, user: { exec: exec(), 'token-file': probe.secretFile } })
        if (kind === 'duplicate-cluster') clusters.push({ name, cluster: { server: probe.server, 'insecure-skip-tls-verify': true, 'certificate-authority': probe.secretFile } })
        if (kind === 'dangling-cluster' && contexts[i]) contexts[i].context.cluster = 'z'
        if (kind === 'dangling-user' && contexts[i]) contexts[i].context.user = 'z'
        if (kind === 'unnamed') users.push({ user: { exec: exec() } })
        if (kind === 'odd-name' && contexts[i]) contexts[i].name = [null, '', 7][n % 3]
        if (kind === 'borrowed-user' && contexts[i]) contexts[i].context.user = 'evil', users.push(plugin)
      }
      const pick = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && triples.length ? triples[v % triples.length]!.name : v)
      const currentName = pick(current)
      const chosenName = pick(chosen) as string | undefined
      const doc = { apiVersion: 'v1', kind: 'Config', clusters, users, contexts, ...(currentName !== undefined ? { 'current-context': currentName } : {}) }
      return { yaml: stringify(doc, { aliasDuplicateObjects: false }), ...(chosenName !== undefined ? { context: chosenName } : {}) }
    })
}
