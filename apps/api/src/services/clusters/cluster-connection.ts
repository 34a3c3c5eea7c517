import { z } from 'zod'
import { checkKubeconfig, type ClusterConnection, type KubeconfigError, type KubeconfigSummary } from '@kubeorch/kube'
import { invalidField, type ValidationError } from '../../errors.ts'
import type { Sealer } from '../secrets/seal.ts'

/** How a cluster is reached: a kubeconfig (and the context to use), or server + bearer token + CA. */
export const connectionInput = z.union([
  z.object({
    kubeconfig: z.string().min(1, 'is required').max(512 * 1024),
    context: z.string().min(1).max(253).optional(),
  }),
  z.object({
    server: z.url({ protocol: /^https?$/ }),
    token: z.string().min(1, 'is required').max(16 * 1024),
    caData: z.string().max(64 * 1024).optional(),
    insecureSkipTlsVerify: z.boolean().optional(),
  }),
])
export type ConnectionInput = z.infer<typeof connectionInput>

/** What is stored for a cluster: the minimal kubeconfig and its context, the server it names, and what may be shown. */
export type ClusterCredentials = { connection: ClusterConnection; server: string; summary: KubeconfigSummary }

/**
 * The one way connection input becomes cluster credentials, for every API (REST, GraphQL, the
 * web's edit form, other create shapes): both forms go through checkKubeconfig, and only the
 * kubeconfig it rebuilds is kept. Throws a ValidationError naming the field (for a kubeconfig,
 * the field inside it: `connection.kubeconfig.users.1.user.exec`), never quoting a credential.
 * Nothing is written: call it before any database write.
 */
export function clusterCredentialsFromInput(input: ConnectionInput): ClusterCredentials {
  if ('kubeconfig' in input) {
    const check = checkKubeconfig(input.kubeconfig, input.context === undefined ? {} : { context: input.context })
    if (!check.ok) throw kubeconfigInvalid(check.error)
    return { connection: { kubeconfig: check.minimal, context: check.summary.context }, server: check.summary.server, summary: check.summary }
  }
  // The token form is written as a kubeconfig (JSON is YAML) and checked the same way.
  const text = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'cluster',
        cluster: {
          server: input.server,
          ...(input.caData ? { 'certificate-authority-data': input.caData } : {}),
          ...(input.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
        },
      },
    ],
    users: [{ name: 'user', user: { token: input.token } }],
    contexts: [{ name: 'default', context: { cluster: 'cluster', user: 'user' } }],
    'current-context': 'default',
  })
  const check = checkKubeconfig(text)
  if (!check.ok) throw invalidField(['connection', TOKEN_FORM_FIELD[String(check.error.path.at(-1))] ?? 'server'], check.error.reason)
  return { connection: { kubeconfig: check.minimal, context: check.summary.context }, server: check.summary.server, summary: check.summary }
}

const TOKEN_FORM_FIELD: Record<string, string> = { server: 'server', 'certificate-authority-data': 'caData', token: 'token', 'insecure-skip-tls-verify': 'insecureSkipTlsVerify' }

/** A refused kubeconfig as a ValidationError on `connection.kubeconfig.<path inside it>` or `connection.context`. */
export function kubeconfigInvalid(error: KubeconfigError, base: (string | number)[] = ['connection']): ValidationError {
  return error.input === 'context' ? invalidField([...base, 'context'], error.reason) : invalidField([...base, 'kubeconfig', ...error.path], error.reason)
}

export const sealConnection = (sealer: Sealer, c: ClusterConnection) => new Uint8Array(sealer.seal(JSON.stringify(c)))
/** The stored connection, decrypted; not checked: open a cluster's client with openClusterKubeConfig. */
export const openConnection = (sealer: Sealer, sealed: Uint8Array): ClusterConnection =>
  JSON.parse(sealer.open(sealed).toString('utf8')) as ClusterConnection
