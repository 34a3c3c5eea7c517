import type { Cluster } from '@kubeorch/db'

export type PublicCluster = Omit<Cluster, 'credentials'> & { hasCredentials: boolean }

/** A cluster as any API may show it: credentials never leave the server. */
export const toPublicCluster = ({ credentials, ...rest }: Cluster): PublicCluster => ({
  ...rest,
  hasCredentials: credentials != null,
})
