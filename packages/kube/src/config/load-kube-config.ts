import { KubeConfig } from '@kubernetes/client-node'
import type { ClusterConnection } from '../types.ts'
import { checkKubeconfig, type CheckedKubeconfig } from './check-kubeconfig.ts'
import { KubeconfigError } from './kubeconfig-error.ts'

export type LoadKubeConfigOptions = {
  /**
   * Accept only the stored form, the text checkKubeconfig rebuilds (`minimal`): what the API loads
   * for a registered cluster, so a stored kubeconfig can hold nothing beyond what was checked.
   */
  minimalOnly?: boolean
}

/**
 * A client config for one context of a kubeconfig (its current-context when none is named),
 * read by checkKubeconfig alone: client-node is given the checked cluster, user and context as
 * objects and never reads the text, so it cannot see a field (an `exec` plugin, a `token-file`, a
 * second entry of the same name) the check did not. Throws KubeconfigError naming the field.
 */
export function loadKubeConfig(conn: ClusterConnection, opts: LoadKubeConfigOptions = {}): KubeConfig {
  const check = checkKubeconfig(conn.kubeconfig, { context: conn.context })
  if (!check.ok) throw check.error
  if (opts.minimalOnly && check.minimal !== conn.kubeconfig)
    throw new KubeconfigError('is not in the form KubeOrch stores (one checked context, cluster and user)')
  return kubeConfigFrom(check.config)
}

/** A KubeConfig of exactly the checked context, cluster and user. */
export function kubeConfigFrom({ cluster, user, context }: CheckedKubeconfig): KubeConfig {
  const kc = new KubeConfig()
  kc.loadFromOptions({ clusters: [{ ...cluster }], users: [{ ...user }], contexts: [{ ...context }], currentContext: context.name })
  return kc
}
