import type { KubeConfig } from '@kubernetes/client-node'

const MIN_SECRET_LENGTH = 6

/**
 * Removes credentials from a text that may reach users or logs: every given secret verbatim,
 * bearer tokens, and user:password in URLs. Used on every error text built from a kubeconfig.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue
    out = out.split(secret).join('[redacted]')
  }
  return out
    .replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1[redacted]@')
}

/** The secret strings a kubeconfig's current user carries (raw and base64-decoded). */
export function credentialsOf(kc: KubeConfig): string[] {
  const user = kc.getCurrentUser()
  if (!user) return []
  const values = [user.token, user.password, user.keyData, user.certData]
  const decoded = [user.keyData, user.certData].filter((v): v is string => !!v).map((v) => Buffer.from(v, 'base64').toString('utf8'))
  return [...values, ...decoded].filter((v): v is string => typeof v === 'string' && v.length > 0).map((v) => v.trim())
}
