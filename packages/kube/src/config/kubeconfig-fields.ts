import type { EntryKind } from './kubeconfig-entries.ts'

// Which fields of the chosen cluster, user and context are read, and what every other field is.
// The lists cover what client-node 2.0.1 (`config_types.js`, `*_auth.js`) and kubectl (client-go's
// `clientcmd/api/v1` types) know. Go's JSON decoding matches keys case-insensitively, so refused
// fields are recognised by their letters alone: `tokenFile`, `token-file`, `Token_File` are one field.

/** Fields that would make the server run a command or read one of its own files, and why. */
const REFUSED: Record<string, string> = {
  exec: 'is an exec credential plugin: it would run a command on the KubeOrch server',
  authprovider: 'is an auth-provider plugin (gcp, azure, oidc, exec…): it would run a command or read files on the KubeOrch server',
  tokenfile: 'names a file: the KubeOrch server would read its own file and send it as a token',
  clientcertificate: 'names a file on the KubeOrch server; put the certificate inline as client-certificate-data',
  clientkey: 'names a file on the KubeOrch server; put the key inline as client-key-data',
  certificateauthority: 'names a file on the KubeOrch server; put the CA inline as certificate-authority-data',
  proxyurl: 'is not supported: KubeOrch connects to the API server directly',
  asgroups: 'is not supported (only `as`, a user to impersonate, is applied); remove it',
  asuid: 'is not supported (only `as`, a user to impersonate, is applied); remove it',
  asuserextra: 'is not supported (only `as`, a user to impersonate, is applied); remove it',
}

/** Fields that are read (exact spelling), per entry kind. */
export const KEPT: Record<EntryKind, readonly string[]> = {
  cluster: ['server', 'certificate-authority-data', 'insecure-skip-tls-verify', 'tls-server-name'],
  user: ['token', 'username', 'password', 'client-certificate-data', 'client-key-data', 'as'],
  context: ['cluster', 'user', 'namespace'],
}

/** Fields accepted and left out of the stored kubeconfig: they change nothing about the connection. */
const IGNORED: Record<EntryKind, readonly string[]> = {
  cluster: ['extensions', 'disable-compression'],
  user: ['extensions'],
  context: ['extensions'],
}

const letters = (key: string) => key.toLowerCase().replace(/[-_]/g, '')

export type FieldVerdict = { verdict: 'keep' } | { verdict: 'ignore' } | { verdict: 'refuse'; reason: string }

/** What to do with a field of the chosen entry of `kind`. */
export function fieldVerdict(kind: EntryKind, key: string): FieldVerdict {
  const refused = REFUSED[letters(key)]
  if (refused) return { verdict: 'refuse', reason: refused }
  if (KEPT[kind].includes(key)) return { verdict: 'keep' }
  if (IGNORED[kind].includes(key)) return { verdict: 'ignore' }
  const meant = [...KEPT[kind], ...IGNORED[kind]].find((known) => letters(known) === letters(key))
  if (meant) return { verdict: 'refuse', reason: `is spelled differently from \`${meant}\`; other clients would read it, so write it as \`${meant}\`` }
  return { verdict: 'refuse', reason: `is not a ${kind} field KubeOrch accepts (it reads: ${KEPT[kind].join(', ')})` }
}

/** A key as it may appear in an error: field names are shown, anything else is not (it could be a pasted secret). */
export function shownKey(key: unknown): string {
  return typeof key === 'string' && /^[A-Za-z][A-Za-z0-9_.-]{0,40}$/.test(key) ? key : '(a field)'
}
