import { invalidField } from '../../errors.ts'

type Body = Record<string, unknown>
const isRecord = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v)

/** True for KubeOrch's add-cluster form: `{ name, displayName, server, authType, credentials: {…} }`. */
export const isKubeorchCluster = (b: Body) => b.authType !== undefined || b.credentials !== undefined

/** KubeOrch's form sends CA, certificate and key base64-encoded; a PEM pasted as is is encoded here. */
const base64 = (v: unknown) => (typeof v === 'string' && v.includes('-----BEGIN') ? Buffer.from(v, 'utf8').toString('base64') : v)

/**
 * KubeOrch's cluster body as the cluster service takes it. Every kind of credential becomes the
 * service's connection input (a kubeconfig, or server + token + CA), which it validates, tests
 * and seals like any other; nothing here reads a file or runs a command. Only inline data is
 * taken: OIDC (client-go's auth-provider plugin) and in-cluster credentials are refused.
 */
export function clusterFromKubeorch(b: Body, { creating }: { creating: boolean }) {
  for (const [field, why] of [
    ['singleNode', 'single-node mode changes the taints of the cluster\'s nodes; this server never does'],
    ['labels', 'cluster labels are not stored'],
  ] as const) {
    const v = b[field]
    if (v !== undefined && v !== false && !(isRecord(v) && Object.keys(v).length === 0)) throw invalidField([field], why)
  }
  if (b.insecure !== undefined && typeof b.insecure !== 'boolean') throw invalidField(['insecure'], 'must be true or false')
  const input: Body = { name: b.name, displayName: b.displayName, description: b.description }
  if (b.credentials !== undefined || creating) {
    const connection = connectionOf(b)
    input.connection = connection.connection
    input.authType = connection.authType
  }
  return input
}

function connectionOf(b: Body): { connection: Body; authType: string } {
  const c = b.credentials
  if (!isRecord(c)) throw invalidField(['credentials'], c === undefined ? 'is required' : 'must be an object')
  const insecure = (c.insecure ?? b.insecure) === true ? true : undefined
  switch (b.authType) {
    case 'kubeconfig':
      // The kubeconfig's own server and context are used (KubeOrch ignores `server` for this type too).
      return { authType: 'kubeconfig', connection: { kubeconfig: c.kubeconfig, context: c.context } }
    case 'token':
    case 'serviceaccount':
      if (c.token === undefined || c.token === '')
        throw invalidField(['credentials', 'token'], b.authType === 'serviceaccount' ? 'is required: in-cluster credentials of this server are never used' : 'is required')
      return { authType: b.authType, connection: { server: b.server, token: c.token, caData: base64(c.caData), insecureSkipTlsVerify: insecure } }
    case 'certificate': {
      for (const field of ['clientCertData', 'clientKeyData'])
        if (typeof c[field] !== 'string' || c[field] === '') throw invalidField(['credentials', field], 'is required (base64 or PEM)')
      if (typeof b.server !== 'string') throw invalidField(['server'], 'is required')
      // One cluster, one user, one context, all inline: the service checks it as any uploaded kubeconfig.
      const kubeconfig = JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'cluster', cluster: { server: b.server, ...(c.caData ? { 'certificate-authority-data': base64(c.caData) } : {}), ...(insecure ? { 'insecure-skip-tls-verify': true } : {}) } }],
        users: [{ name: 'user', user: { 'client-certificate-data': base64(c.clientCertData), 'client-key-data': base64(c.clientKeyData) } }],
        contexts: [{ name: 'default', context: { cluster: 'cluster', user: 'user' } }],
        'current-context': 'default',
      })
      return { authType: 'certificate', connection: { kubeconfig, context: 'default' } }
    }
    case 'oidc':
      throw invalidField(['authType'], 'oidc needs client-go\'s auth-provider plugin, which this server refuses (it would run it); use a token, a client certificate or a kubeconfig with inline credentials')
    default:
      throw invalidField(['authType'], 'must be one of: kubeconfig, token, serviceaccount, certificate')
  }
}
