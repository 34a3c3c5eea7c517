import { stringify } from 'yaml'
import type { CheckedKubeconfig } from './check-kubeconfig.ts'

/**
 * The stored form: a kubeconfig of exactly one cluster, user and context, written from checked
 * values with the keys client-node and kubectl read (no anchors, no folded lines).
 */
export function minimalKubeconfig({ cluster, user, context }: CheckedKubeconfig): string {
  return stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: cluster.name,
          cluster: {
            server: cluster.server,
            ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}),
            ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
            ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
          },
        },
      ],
      users: [
        {
          name: user.name,
          user: {
            ...(user.token !== undefined ? { token: user.token } : {}),
            ...(user.username !== undefined ? { username: user.username, password: user.password } : {}),
            ...(user.certData !== undefined ? { 'client-certificate-data': user.certData, 'client-key-data': user.keyData } : {}),
            ...(user.impersonateUser !== undefined ? { as: user.impersonateUser } : {}),
          },
        },
      ],
      contexts: [{ name: context.name, context: { cluster: context.cluster, user: context.user, ...(context.namespace ? { namespace: context.namespace } : {}) } }],
      'current-context': context.name,
    },
    { aliasDuplicateObjects: false, lineWidth: 0, version: '1.2' },
  )
}
