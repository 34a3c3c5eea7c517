import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'

/** Something a replica starts after its deps are built and stops on shutdown (the shared event bus). */
export type ReplicaResource = { start(): Promise<void>; stop(): Promise<void> }

/**
 * This API process among its replicas: a fresh id per process (a restarted process is a new
 * replica: it cannot resume the runs of its previous life), the monitor leases it holds, and the
 * resources to start and stop with it.
 */
export type Replica = {
  readonly id: string
  /** Workflows whose monitor lease this replica holds. */
  readonly monitorLeases: Set<string>
  /** Workflow id → time before which adopting its monitor is not retried (its cluster failed). */
  readonly adoptBackoff: Map<string, number>
  readonly resources: ReplicaResource[]
}

export function createReplica(): Replica {
  return {
    id: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    monitorLeases: new Set(),
    adoptBackoff: new Map(),
    resources: [],
  }
}
