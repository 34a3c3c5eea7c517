import { describe, expect, it } from 'vitest'
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
contexts:
- name: a
  context: { cluster: c, user: u, namespace: team }
- name: b
  context: { cluster: c, user: u }
- name: broken
  context: { cluster: missing, user: u }
`

describe('loadKubeConfig', () => {
  it('uses the current context, or the one asked for', () => {
    const kc = loadKubeConfig({ kubeconfig: config('token: abcdefgh') })
    expect(kc.getCurrentContext()).toBe('a')
    expect(kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443')
    expect(loadKubeConfig({ kubeconfig: config('token: abcdefgh'), context: 'b' }).getCurrentContext()).toBe('b')
  })

  it('names the available contexts when the one asked for is missing or there is none', () => {
    expect(() => loadKubeConfig({ kubeconfig: config('token: x'), context: 'zz' })).toThrow('context "zz" not found in kubeconfig (available: a, b, broken)')
    expect(() => loadKubeConfig({ kubeconfig: config('token: x', undefined, '') })).toThrow(/no current-context.*available: a, b, broken/)
    expect(() => loadKubeConfig({ kubeconfig: config('token: x'), context: 'broken' })).toThrow(/cluster "missing", which the kubeconfig does not define/)
  })

  it('refuses credentials outside the file unless allowed', () => {
    for (const user of ['exec: { command: sh, apiVersion: client.authentication.k8s.io/v1 }', 'token-file: /etc/shadow', 'client-key: /root/key.pem', 'auth-provider: { name: oidc }']) {
      expect(() => loadKubeConfig({ kubeconfig: config(user) })).toThrow(KubeconfigError)
      expect(() => loadKubeConfig({ kubeconfig: config(user) })).toThrow(/outside the file/)
    }
    expect(() => loadKubeConfig({ kubeconfig: config('token: x', 'server: https://h, certificate-authority: /etc/ca.pem') })).toThrow(/certificate-authority/)
    expect(loadKubeConfig({ kubeconfig: config('exec: { command: sh, apiVersion: client.authentication.k8s.io/v1 }'), context: 'a' }, { allowExternalCredentials: true }).getCurrentContext()).toBe('a')
  })

  it('checks the server URL', () => {
    expect(() => loadKubeConfig({ kubeconfig: config('token: x', 'server: not a url') })).toThrow(/no valid server URL/)
    expect(() => loadKubeConfig({ kubeconfig: config('token: x', 'server: http://127.0.0.1:8080') })).toThrow(/insecure-skip-tls-verify/)
    expect(loadKubeConfig({ kubeconfig: config('token: x', 'server: http://127.0.0.1:8080, insecure-skip-tls-verify: true') }).getCurrentCluster()?.skipTLSVerify).toBe(true)
  })

  it('never quotes the kubeconfig in a YAML error', () => {
    const bad = 'users:\n- name: u\n  user: { token: "secret-token-abcdef }\n'
    expect(() => loadKubeConfig({ kubeconfig: bad })).toThrow(KubeconfigError)
    try {
      loadKubeConfig({ kubeconfig: bad })
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-token')
    }
  })
})
