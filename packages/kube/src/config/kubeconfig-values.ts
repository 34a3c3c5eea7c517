import { KubeconfigError, type KubeconfigFieldPath } from './kubeconfig-error.ts'

// Type checks for the values of the fields that are kept. Each returns the value as it will be
// stored (so nothing is read twice in two ways) or throws naming the field, never the value.

const PRINTABLE = /^[^\x00-\x1f\x7f]+$/

export function checkedString(value: unknown, path: KubeconfigFieldPath, max: number, pattern = PRINTABLE, what = 'a string'): string {
  if (typeof value !== 'string' || value === '') throw new KubeconfigError(`must be ${what}`, path)
  if (value.length > max) throw new KubeconfigError(`must be at most ${max} characters`, path)
  if (!pattern.test(value)) throw new KubeconfigError(`must be ${what}`, path)
  return value
}

export function checkedBoolean(value: unknown, path: KubeconfigFieldPath): boolean {
  if (typeof value !== 'boolean') throw new KubeconfigError('must be true or false', path)
  return value
}

/** A bearer token: visible ASCII, no spaces (it goes into an HTTP header). */
export const checkedToken = (value: unknown, path: KubeconfigFieldPath) =>
  checkedString(value, path, 16 * 1024, /^[\x21-\x7e]+$/, 'a token of visible ASCII characters without spaces')

/** base64 of PEM text (a certificate, a CA bundle or a key), returned without line breaks. */
export function checkedPemData(value: unknown, path: KubeconfigFieldPath): string {
  if (typeof value !== 'string') throw new KubeconfigError('must be base64 of PEM data', path)
  const compact = value.replace(/\s+/g, '')
  if (compact.length === 0 || compact.length > 96 * 1024 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact))
    throw new KubeconfigError('must be base64 of PEM data', path)
  if (!Buffer.from(compact, 'base64').toString('latin1').includes('-----BEGIN ')) throw new KubeconfigError('must be base64 of PEM data (-----BEGIN …)', path)
  return compact
}

/**
 * The API server URL: http(s) with a host, no user:password (a credential in a field every API
 * shows), no query or fragment. A trailing slash is dropped, as client-node does.
 */
export function checkedServer(value: unknown, insecure: boolean, path: KubeconfigFieldPath): string {
  if (typeof value !== 'string' || value.length > 2048) throw new KubeconfigError('must be an https:// URL', path)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new KubeconfigError('must be an https:// URL', path)
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) throw new KubeconfigError('must be an https:// URL', path)
  if (url.username || url.password) throw new KubeconfigError('must not contain a user name or password; use the user’s username and password fields', path)
  if (url.search || url.hash) throw new KubeconfigError('must not have a query or a fragment', path)
  // client-node refuses plain HTTP unless TLS verification is explicitly off; say so up front.
  if (url.protocol === 'http:' && !insecure) throw new KubeconfigError('is http://, which needs insecure-skip-tls-verify: true', path)
  return value.replace(/\/$/, '')
}

export const checkedHostname = (value: unknown, path: KubeconfigFieldPath) =>
  checkedString(value, path, 253, /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'a host name')

export const checkedNamespace = (value: unknown, path: KubeconfigFieldPath) =>
  checkedString(value, path, 63, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a namespace name (lowercase letters, digits and "-")')
