import { z } from 'zod'
import { listContexts, type ClusterConnection } from '@kubeorch/kube'
import { invalidField } from '../../errors.ts'
import type { Sealer } from '../secrets/seal.ts'

/** How a cluster is reached: a kubeconfig (and the context to use), or server + bearer token + CA. */
export const connectionInput = z.union([
  z.object({
    kubeconfig: z.string().min(1, 'is required').max(512 * 1024),
    context: z.string().min(1).optional(),
  }),
  z.object({
    server: z.url({ protocol: /^https?$/ }),
    token: z.string().min(1, 'is required').max(16 * 1024),
    caData: z.string().max(64 * 1024).optional(),
    insecureSkipTlsVerify: z.boolean().optional(),
  }),
])
export type ConnectionInput = z.infer<typeof connectionInput>

/**
 * Turns connection input into a kubeconfig + context, checking the context exists. Errors name
 * the field but never echo the credentials.
 */
export function resolveConnection(input: ConnectionInput): { connection: ClusterConnection; server: string } {
  if ('kubeconfig' in input) {
    let contexts: ReturnType<typeof listContexts>
    try {
      contexts = listContexts(input.kubeconfig)
    } catch {
      throw invalidField(['connection', 'kubeconfig'], 'is not a readable kubeconfig')
    }
    if (contexts.length === 0) throw invalidField(['connection', 'kubeconfig'], 'has no contexts')
    const chosen = input.context ? contexts.find((c) => c.name === input.context) : contexts[0]
    if (!chosen)
      throw invalidField(['connection', 'context'], `no context "${input.context}"; the kubeconfig has: ${contexts.map((c) => c.name).join(', ')}`)
    return { connection: { kubeconfig: input.kubeconfig, context: chosen.name }, server: chosen.server }
  }
  // A kubeconfig is JSON-compatible YAML, so the token form is stored the same way.
  const kubeconfig = JSON.stringify({
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
  return { connection: { kubeconfig, context: 'default' }, server: input.server }
}

export const sealConnection = (sealer: Sealer, c: ClusterConnection) => new Uint8Array(sealer.seal(JSON.stringify(c)))
export const openConnection = (sealer: Sealer, sealed: Uint8Array): ClusterConnection =>
  JSON.parse(sealer.open(sealed).toString('utf8')) as ClusterConnection
