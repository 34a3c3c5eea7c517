import { KubeConfig } from '@kubernetes/client-node'
import { describe, expect, it } from 'vitest'
import { checkKubeconfig } from './check-kubeconfig.ts'
import { formatKubeconfigPath } from './kubeconfig-error.ts'

const PEM = Buffer.from('-----BEGIN CERTIFICATE-----\nQ0FEQVRB\n-----END CERTIFICATE-----\n').toString('base64')
const TOKEN = 'tok-7d1e4b2c9a'

/** A kubeconfig whose chosen context `a` uses cluster `c` and user `u`; each part can be replaced. */
function kubeconfig(parts: { cluster?: string; user?: string; context?: string; extra?: string; current?: string } = {}) {
  return `
apiVersion: v1
kind: Config
current-context: ${parts.current ?? 'a'}
clusters:
- name: c
  cluster:
    ${parts.cluster ?? `server: https://k.example.test:6443\n    certificate-authority-data: ${PEM}`}
users:
- name: u
  user:
    ${parts.user ?? `token: ${TOKEN}`}
contexts:
- name: a
  context:
    ${parts.context ?? 'cluster: c\n    user: u'}
${parts.extra ?? ''}`
}

const refusal = (text: string, context?: string) => {
  const result = checkKubeconfig(text, context === undefined ? {} : { context })
  if (result.ok) throw new Error(`accepted: ${result.minimal}`)
  return { field: formatKubeconfigPath(result.error.path), input: result.error.input, message: result.error.message }
}

describe('checkKubeconfig refuses, naming the field', () => {
  // [what, kubeconfig, field, message pattern]
  const cases: [string, string, string, RegExp][] = [
    ['an exec plugin', kubeconfig({ user: 'exec: { apiVersion: client.authentication.k8s.io/v1, command: sh }' }), 'users[0].user.exec', /run a command/],
    ['exec spelled Exec', kubeconfig({ user: 'Exec: { command: sh }' }), 'users[0].user.Exec', /run a command/],
    ['an auth-provider', kubeconfig({ user: 'auth-provider: { name: gcp, config: { cmd-path: /bin/sh } }' }), 'users[0].user.auth-provider', /auth-provider plugin/],
    ['a token-file', kubeconfig({ user: 'token-file: /etc/shadow' }), 'users[0].user.token-file', /read its own file/],
    ['a tokenFile (kubectl’s spelling)', kubeconfig({ user: 'tokenFile: /etc/shadow' }), 'users[0].user.tokenFile', /read its own file/],
    ['a token_file', kubeconfig({ user: 'token_file: /etc/shadow' }), 'users[0].user.token_file', /read its own file/],
    ['a client-certificate path', kubeconfig({ user: 'client-certificate: /root/c.pem' }), 'users[0].user.client-certificate', /names a file/],
    ['a client-key path', kubeconfig({ user: 'client-key: /root/k.pem' }), 'users[0].user.client-key', /names a file/],
    ['a certificate-authority path', kubeconfig({ cluster: 'server: https://k.example.test\n    certificate-authority: /etc/ca.pem' }), 'clusters[0].cluster.certificate-authority', /names a file/],
    ['a proxy-url', kubeconfig({ cluster: 'server: https://k.example.test\n    proxy-url: socks5://127.0.0.1:1080' }), 'clusters[0].cluster.proxy-url', /not supported/],
    ['as-groups', kubeconfig({ user: `token: ${TOKEN}\n    as-groups: [system:masters]` }), 'users[0].user.as-groups', /not supported/],
    ['an unknown user field', kubeconfig({ user: `token: ${TOKEN}\n    tokn: x` }), 'users[0].user.tokn', /not a user field/],
    ['a known field spelled otherwise', kubeconfig({ user: `Token: ${TOKEN}` }), 'users[0].user.Token', /spelled differently from `token`/],
    ['an unknown cluster field', kubeconfig({ cluster: 'server: https://k.example.test\n    plugin: x' }), 'clusters[0].cluster.plugin', /not a cluster field/],
    ['an unknown context field', kubeconfig({ context: 'cluster: c\n    user: u\n    exec: { command: sh }' }), 'contexts[0].context.exec', /run a command/],
    ['two clusters of one name', kubeconfig().replace('users:', '- name: c\n  cluster: { server: https://other.example.test }\nusers:'), 'clusters[1].name', /also the name of clusters\[0\]/],
    ['two users of one name', kubeconfig().replace('contexts:', '- name: u\n  user: { exec: { command: sh } }\ncontexts:'), 'users[1].name', /also the name of users\[0\]/],
    ['two contexts of one name', kubeconfig() + '- name: a\n  context: { cluster: c, user: u }\n', 'contexts[1].name', /also the name of contexts\[0\]/],
    ['an entry without a name', kubeconfig().replace('contexts:', '- user: { token: x }\ncontexts:'), 'users[1].name', /is required/],
    ['a context naming a missing cluster', kubeconfig({ context: 'cluster: nowhere\n    user: u' }), 'contexts[0].context.cluster', /names cluster "nowhere", which the kubeconfig does not define/],
    ['a context naming a missing user', kubeconfig({ context: 'cluster: c\n    user: nobody' }), 'contexts[0].context.user', /names user "nobody"/],
    ['a context without a user', kubeconfig({ context: 'cluster: c' }), 'contexts[0].context.user', /must be the name of a user/],
    ['a current-context that does not exist', kubeconfig({ current: 'gone' }), 'current-context', /names context "gone".*available: a/],
    ['an http server without insecure-skip-tls-verify', kubeconfig({ cluster: 'server: http://127.0.0.1:8080' }), 'clusters[0].cluster.server', /insecure-skip-tls-verify/],
    ['a server that is not a URL', kubeconfig({ cluster: 'server: not a url' }), 'clusters[0].cluster.server', /https:\/\/ URL/],
    ['a file:// server', kubeconfig({ cluster: 'server: file:///etc/passwd' }), 'clusters[0].cluster.server', /https:\/\/ URL/],
    ['a server with a password', kubeconfig({ cluster: 'server: https://admin:hunter22@k.example.test' }), 'clusters[0].cluster.server', /user name or password/],
    ['a missing server', kubeconfig({ cluster: 'insecure-skip-tls-verify: true' }), 'clusters[0].cluster.server', /is required/],
    ['insecure-skip-tls-verify: "yes"', kubeconfig({ cluster: 'server: https://k.example.test\n    insecure-skip-tls-verify: "yes"' }), 'clusters[0].cluster.insecure-skip-tls-verify', /true or false/],
    ['CA data that is not base64', kubeconfig({ cluster: 'server: https://k.example.test\n    certificate-authority-data: "not base64!"' }), 'clusters[0].cluster.certificate-authority-data', /base64/],
    ['CA data that is not PEM', kubeconfig({ cluster: `server: https://k.example.test\n    certificate-authority-data: ${Buffer.from('hello').toString('base64')}` }), 'clusters[0].cluster.certificate-authority-data', /PEM/],
    ['a client key without its certificate', kubeconfig({ user: `client-key-data: ${PEM}` }), 'users[0].user.client-certificate-data', /needs both/],
    ['a numeric token', kubeconfig({ user: 'token: 12345' }), 'users[0].user.token', /must be a token/],
    ['a token with a line break', kubeconfig({ user: 'token: "abc\\ndef"' }), 'users[0].user.token', /visible ASCII/],
    ['a password without a user name', kubeconfig({ user: 'password: pw' }), 'users[0].user.username', /needs both/],
    ['a token and a password', kubeconfig({ user: `token: ${TOKEN}\n    username: me\n    password: pw` }), 'users[0].user.username', /either token or username/],
    ['a bad namespace', kubeconfig({ context: 'cluster: c\n    user: u\n    namespace: Not_A_Name' }), 'contexts[0].context.namespace', /namespace name/],
    ['a merge key (YAML 1.1) in the user', kubeconfig({ user: '<<: { exec: { command: sh } }' }), 'users[0].user.(a field)', /not a user field/],
    ['clusters that is not a list', 'clusters: { c: { server: https://x } }\ncontexts: []\n', 'clusters', /must be a list/],
  ]
  for (const [what, text, field, message] of cases) {
    it(what, () => {
      const r = refusal(text)
      expect(r.field).toBe(field)
      expect(r.message).toMatch(message)
    })
  }

  it('an unknown context asked for, and no context to choose, name the context input', () => {
    expect(refusal(kubeconfig(), 'zz')).toMatchObject({ input: 'context', field: '', message: 'context "zz" not found in the kubeconfig (available: a)' })
    const two = kubeconfig({ current: '""' }) + '- name: b\n  context: { cluster: c, user: u }\n'
    expect(refusal(two)).toMatchObject({ input: 'context', message: expect.stringMatching(/no current-context; choose a context \(available: a, b\)/) })
    expect(refusal('apiVersion: v1\nkind: Config\n')).toMatchObject({ field: 'contexts', message: expect.stringMatching(/no contexts/) })
  })

  it('YAML that could be read two ways: repeated keys, a second document, aliases (an alias bomb), tags', () => {
    expect(refusal(kubeconfig({ user: `token: ${TOKEN}\n    token: other-token-value` })).message).toMatch(/repeats a key in one mapping \(line \d+\)/)
    expect(refusal(`${kubeconfig()}\n---\n${kubeconfig()}`).message).toMatch(/more than one YAML document/)
    expect(refusal(kubeconfig({ user: 'token: &t abcdef' }).replace('user: u', 'user: *t')).message).toMatch(/alias/)
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n')
    expect(refusal(bomb).message).toMatch(/alias/)
    expect(refusal(kubeconfig({ user: 'token: !secret abcdef' })).message).toMatch(/YAML tag/)
  })

  it('input that would make the parser work hard is refused before it is parsed', () => {
    expect(refusal('['.repeat(500_000)).message).toMatch(/nests \[ \] or \{ \} more than 64 levels/)
    expect(refusal(`${'- '.repeat(100_000)}x`).message).toMatch(/nests too deeply \(line 1\)/)
    expect(refusal(Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')).message).toMatch(/indented more than 256 spaces \(line 258\)/)
    expect(refusal(Array.from({ length: 40_000 }, (_, i) => `k${i}: v`).join('\n')).message).toMatch(/more than 5000 lines/)
    expect(refusal(`a: [${Array(6000).fill('x').join(',')}]`).message).toMatch(/more than 5000 commas/)
    expect(refusal(`a: ${'x'.repeat(512 * 1024)}`).message).toMatch(/larger than 512 KiB/)
    expect(refusal('- a\n- b\n').message).toMatch(/must be a YAML mapping/)
    expect(refusal('just text').message).toMatch(/must be a YAML mapping/)
    expect(refusal('? [a]\n: 1\n').message).toMatch(/list, a mapping or an alias as a key/)
    expect(refusal('1: a\n"1": b\n').message).toMatch(/repeats a key/)
  })

  it('never quotes a value: tokens, passwords, paths, pasted secrets as keys', () => {
    const texts = [
      kubeconfig({ user: 'token: "secret-token-abcdef\n  - [' }),
      kubeconfig({ user: 'token-file: /very/secret/path' }),
      kubeconfig({ user: 'eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9eyJpc3MiOiJrdWJlcm5ldGVzIn0: x' }),
      kubeconfig({ cluster: 'server: https://admin:hunter22@k.example.test' }),
      kubeconfig({ user: 'username: me\n    password: hunter22-password\n    token: secret-token-abcdef' }),
    ]
    for (const text of texts) {
      const r = refusal(text)
      for (const secret of ['secret-token-abcdef', '/very/secret/path', 'eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9', 'hunter22']) expect(`${r.field} ${r.message}`).not.toContain(secret)
    }
  })
})

describe('checkKubeconfig accepts', () => {
  it('the chosen context with inline credentials, and rebuilds only it', () => {
    const text = kubeconfig({
      cluster: `server: https://k.example.test:6443/\n    certificate-authority-data: ${PEM}\n    tls-server-name: kubernetes\n    extensions: [{ name: x, extension: {} }]`,
      user: `token: ${TOKEN}\n    as: auditor\n    extensions: []`,
      context: 'cluster: c\n    user: u\n    namespace: team',
      extra: '- name: eks\n  context: { cluster: c, user: aws }\n',
    }).replace('contexts:', '- name: aws\n  user:\n    exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token] }\n    token-file: /x\ncontexts:')
    const result = checkKubeconfig(text)
    if (!result.ok) throw result.error
    expect(result.summary).toEqual({ context: 'a', cluster: 'c', user: 'u', server: 'https://k.example.test:6443', namespace: 'team', credentials: ['token'] })
    expect(result.config).toEqual({
      cluster: { name: 'c', server: 'https://k.example.test:6443', skipTLSVerify: false, caData: PEM, tlsServerName: 'kubernetes' },
      user: { name: 'u', token: TOKEN, impersonateUser: 'auditor' },
      context: { name: 'a', cluster: 'c', user: 'u', namespace: 'team' },
    })
    for (const gone of ['aws', 'exec', 'token-file', 'extensions', 'eks']) expect(result.minimal).not.toContain(gone)
    // The stored form is a fixed point, and client-node reads it as we do.
    const again = checkKubeconfig(result.minimal)
    expect(again.ok && again.minimal).toBe(result.minimal)
    const kc = new KubeConfig()
    kc.loadFromString(result.minimal)
    expect(kc.getCurrentContext()).toBe('a')
    expect(kc.getCurrentUser()).toMatchObject({ name: 'u', token: TOKEN, impersonateUser: 'auditor', exec: undefined, authProvider: undefined })
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://k.example.test:6443', caData: PEM, tlsServerName: 'kubernetes', caFile: undefined })
  })

  it('a context other than current-context when asked, even if the current one is refused', () => {
    const text = kubeconfig({ current: 'bad' }).replace('contexts:', '- name: evil\n  user: { exec: { command: sh } }\ncontexts:') + '- name: bad\n  context: { cluster: c, user: evil }\n'
    expect(refusal(text).field).toBe('users[1].user.exec')
    const ok = checkKubeconfig(text, { context: 'a' })
    expect(ok.ok && ok.summary.context).toBe('a')
  })

  it('the only context when there is no current-context; an anonymous user; client certificates; basic auth; null fields', () => {
    expect(checkKubeconfig(kubeconfig({ current: '~' })).ok).toBe(true)
    const anonymous = checkKubeconfig(kubeconfig({ user: 'extensions: []' }))
    expect(anonymous.ok && anonymous.summary.credentials).toEqual([])
    const certs = checkKubeconfig(kubeconfig({ user: `client-certificate-data: ${PEM}\n    client-key-data: |\n      ${PEM.slice(0, 20)}\n      ${PEM.slice(20)}` }))
    expect(certs.ok && certs.config.user).toEqual({ name: 'u', certData: PEM, keyData: PEM })
    const basic = checkKubeconfig(kubeconfig({ user: 'username: me\n    password: "p:w"' }))
    expect(basic.ok && basic.summary.credentials).toEqual(['basic'])
    const nulls = checkKubeconfig(kubeconfig({ user: `token: ${TOKEN}\n    exec: null\n    token-file: ~` }))
    expect(nulls.ok && nulls.minimal).not.toMatch(/exec|token-file/)
  })
})
