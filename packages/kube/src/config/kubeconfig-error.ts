/** Where in an uploaded kubeconfig a problem is: a path inside the YAML, or the context that was asked for. */
export type KubeconfigFieldPath = (string | number)[]

/**
 * A kubeconfig that cannot be used: bad YAML, an ambiguous or missing entry, or credentials we
 * refuse. `path` names the field inside the kubeconfig (`['users', 1, 'user', 'exec']`, shown as
 * `users[1].user.exec`); `input: 'context'` means the context that was asked for is the problem.
 * Messages name fields and entry names, never a value. `reason` is the message without its subject
 * (the field path, or "kubeconfig" / "context"), for APIs that name the field apart.
 */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError'
  constructor(
    message: string,
    readonly path: KubeconfigFieldPath = [],
    readonly input: 'kubeconfig' | 'context' = 'kubeconfig',
  ) {
    super(path.length ? `${formatKubeconfigPath(path)}: ${message}` : `${input} ${message}`)
    this.reason = message
  }
  readonly reason: string
}

/** `['users', 1, 'user', 'exec']` → `users[1].user.exec`. */
export function formatKubeconfigPath(path: KubeconfigFieldPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}
