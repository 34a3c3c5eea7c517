import { describe, expect, it } from 'vitest'
import { listContexts } from './list-contexts.ts'

const kubeconfig = `
apiVersion: v1
kind: Config
current-context: staging
clusters:
- name: prod-cluster
  cluster:
    server: https://admin:hunter22@prod.example.invalid:6443
    certificate-authority-data: Q0FEQVRBQ0FEQVRB
- name: staging-cluster
  cluster: { server: https://staging.example.invalid }
users:
- name: prod-admin
  user:
    token: super-secret-token-value
    client-key-data: S0VZREFUQUtFWURBVEE=
- name: ci
  user:
    token-file: /nonexistent/token
    exec: { command: steal-secrets }
contexts:
- name: prod
  context: { cluster: prod-cluster, user: prod-admin, namespace: shop }
- name: staging
  context: { cluster: staging-cluster, user: ci }
- name: dangling
  context: { cluster: nowhere, user: nobody }
`

describe('listContexts', () => {
  it('lists every context with its cluster, server and user names', () => {
    expect(listContexts(kubeconfig)).toEqual([
      {
        name: 'prod',
        cluster: 'prod-cluster',
        server: 'https://prod.example.invalid:6443',
        user: 'prod-admin',
        namespace: 'shop',
        current: false,
        problem: 'clusters[0].cluster.server: must not contain a user name or password; use the user’s username and password fields',
      },
      {
        name: 'staging',
        cluster: 'staging-cluster',
        server: 'https://staging.example.invalid',
        user: 'ci',
        current: true,
        problem: 'users[1].user.token-file: names a file: the KubeOrch server would read its own file and send it as a token',
      },
      { name: 'dangling', cluster: 'nowhere', server: '', user: 'nobody', current: false, problem: 'contexts[2].context.cluster: names cluster "nowhere", which the kubeconfig does not define' },
    ])
  })

  it('never returns a credential, and never reads token files or runs exec plugins', () => {
    const text = JSON.stringify(listContexts(kubeconfig))
    for (const secret of ['super-secret-token-value', 'S0VZREFUQUtFWURBVEE', 'Q0FEQVRBQ0FEQVRB', 'hunter22', '/nonexistent/token', 'steal-secrets']) {
      expect(text).not.toContain(secret)
    }
  })

  it('returns nothing for a kubeconfig without contexts, and refuses non-YAML without quoting it', () => {
    expect(listContexts('apiVersion: v1\nkind: Config\n')).toEqual([])
    expect(() => listContexts('token: "abc\n  - [')).toThrow(/^kubeconfig is not valid YAML/)
    expect(() => listContexts('token: "abc\n  - [')).not.toThrow(/abc/)
  })

  it('refuses a kubeconfig whose entries share a name: no context could be chosen unambiguously', () => {
    expect(() => listContexts(`${kubeconfig}- name: prod\n  context: { cluster: staging-cluster, user: ci }\n`)).toThrow('contexts[3].name: "prod" is also the name of contexts[0]; names must be unique')
  })
})
