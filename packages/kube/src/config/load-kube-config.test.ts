import { describe, expect, it } from 'vitest'
import { checkKubeconfig } from './check-kubeconfig.ts'
import { KubeconfigError } from './kubeconfig-error.ts'
import { loadKubeConfig } from './load-kube-config.ts'

const config = (user: string, cluster = 'server: https://127.0.0.1:6443', current = 'current-context: a') => `
apiVersion: v1
kind: Config
${current}
clusters:
- name: c
  cluster: { ${cluster} }
users:
- name: u
  user: { ${user} }
- name: plugin
  user: { exec: { command: sh, apiVersion: client.authentication.k8s.io/v1 }, token-file: /nonexistent/token }
contexts:
- name: a
  context: { cluster: c, user: u, namespace: team }
- name: b
  context: { cluster: c, user: u }
- name: broken
  context: { cluster: missing, user: u }
- name: eks
  context: { cluster: c, user: plugin }
`

describe('loadKubeConfig', () => {
  it('uses the current context, or the one asked for', () => {
    const kc = loadKubeConfig({ kubeconfig: config('token: abcdefgh') })
    expect(kc.getCurrentContext()).toBe('a')
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443')
    expect(loadKubeConfig({ kubeconfig: config('token: abcdefgh'), context: 'b' }).getCurrentContext()).toBe('b')
  })

  it('gives client-node only the checked context, cluster and user', () => {
    // client-node's own loader reads every user's token-file while parsing (here: ENOENT) and keeps the exec plugin.
    const kc = loadKubeConfig({ kubeconfig: config('token: abcdefgh') })
    expect(kc.getContexts().map((c) => c.name)).toEqual(['a'])
    expect(kc.getUsers()).toEqual([{ name: 'u', token: 'abcdefgh' }])
    expect(kc.getClusters()).toEqual([{ name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: false }])
  })

  it('names the available contexts when the one asked for is missing or there is none', () => {
    expect(() => loadKubeConfig({ kubeconfig: config('token: x'), context: 'zz' })).toThrow('context "zz" not found in the kubeconfig (available: a, b, broken, eks)')
    expect(() => loadKubeConfig({ kubeconfig: config('token: x', undefined, '') })).toThrow(/no current-context.*available: a, b, broken, eks/)
    expect(() => loadKubeConfig({ kubeconfig: config('token: x'), context: 'broken' })).toThrow(/names cluster "missing", which the kubeconfig does not define/)
  })

  it('refuses credentials outside the file, naming the field', () => {
    for (const [user, field] of [
      ['exec: { command: sh, apiVersion: client.authentication.k8s.io/v1 }', 'users[0].user.exec'],
      ['token-file: /etc/shadow', 'users[0].user.token-file'],
      ['client-key: /root/key.pem', 'users[0].user.client-key'],
      ['auth-provider: { name: oidc }', 'users[0].user.auth-provider'],
    ]) {
      expect(() => loadKubeConfig({ kubeconfig: config(user!) })).toThrow(KubeconfigError)
      expect(() => loadKubeConfig({ kubeconfig: config(user!) })).toThrow(`${field}: `)
    }
    expect(() => loadKubeConfig({ kubeconfig: config('token: x'), context: 'eks' })).toThrow(/users\[1\]\.user\.exec: is an exec credential plugin/)
    expect(() => loadKubeConfig({ kubeconfig: config('token: x', 'server: https://h, certificate-authority: /etc/ca.pem') })).toThrow(/clusters\[0\]\.cluster\.certificate-authority: names a file/)
  })

  it('with minimalOnly, accepts only the stored form', () => {
    const text = config('token: abcdefgh')
    expect(() => loadKubeConfig({ kubeconfig: text, context: 'a' }, { minimalOnly: true })).toThrow(/not in the form KubeOrch stores/)
    const checked = checkKubeconfig(text, { context: 'a' })
    if (!checked.ok) throw checked.error
    expect(loadKubeConfig({ kubeconfig: checked.minimal, context: 'a' }, { minimalOnly: true }).getCurrentUser()).toEqual({ name: 'u', token: 'abcdefgh' })
  })

  it('checks the server URL', () => {
    expect(() => loadKubeConfig({ kubeconfig: config('token: x', 'server: not a url') })).toThrow(/must be an https:\/\/ URL/)
    expect(() => loadKubeConfig({ kubeconfig: config('token: x', 'server: http://127.0.0.1:8080') })).toThrow(/insecure-skip-tls-verify/)
    expect(loadKubeConfig({ kubeconfig: config('token: x', 'server: http://127.0.0.1:8080, insecure-skip-tls-verify: true') }).getCurrentCluster()?.skipTLSVerify).toBe(true)
  })

  it('never quotes the kubeconfig in a YAML error', () => {
    const bad = 'users:\n- name: u\n  user: { token: "secret-token-abcdef }\n'
    expect(() => loadKubeConfig({ kubeconfig: bad })).toThrow(KubeconfigError)
    expect(() => loadKubeConfig({ kubeconfig: bad })).not.toThrow(/secret-token/)
  })
})
