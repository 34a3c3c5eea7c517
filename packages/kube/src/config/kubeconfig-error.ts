/** A kubeconfig that cannot be used: bad YAML, a missing context, or credentials we refuse. */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError'
}
