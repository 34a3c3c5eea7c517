import { readFile } from 'node:fs/promises'
import { stringify } from 'yaml'
import type { Pki } from './pki.ts'

/**
 * Renders an admin kubeconfig with the CA and client cert embedded as
 * base64 data, so the file is self-contained: @kubernetes/client-node's
 * KubeConfig.loadFromFile, kubectl and the Go components all read it, and it
 * stays valid when copied elsewhere (e.g. the sandbox's .data/ copy).
 */
export async function renderKubeconfig(server: string, pki: Pki, name = 'testenv'): Promise<string> {
  const b64 = async (path: string) => (await readFile(path)).toString('base64')
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, 'certificate-authority-data': await b64(pki.caCert) } }],
    users: [{
      name: 'testenv-admin',
      user: { 'client-certificate-data': await b64(pki.adminCert), 'client-key-data': await b64(pki.adminKey) },
    }],
    contexts: [{ name, context: { cluster: name, user: 'testenv-admin', namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  })
}
