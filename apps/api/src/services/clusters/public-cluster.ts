import type { Cluster } from '@kubeorch/db'

import { isSandboxCluster } from './sandbox-cluster.ts'

export type PublicCluster = Omit<Cluster, 'credentials'> & { hasCredentials: boolean; sandbox: boolean }

/** A cluster as any API may show it: credentials never leave the server. */
export const toPublicCluster = ({ credentials, ...rest }: Cluster): PublicCluster => ({
  ...rest,
  hasCredentials: credentials != null,
  sandbox: isSandboxCluster(rest),
})
