import type { Db } from '@kubeorch/db'
import type { Config } from '../config.ts'
import type { EventBus } from '../events.ts'
import type { AuthThrottle } from './auth/auth-throttle.ts'
import type { Credential } from './auth/scopes.ts'
import type { BackgroundTasks } from './background.ts'
import type { MonitorRegistry } from './monitoring/monitor-registry.ts'
import type { Replica } from './replicas/replica.ts'
import type { Sealer } from './secrets/seal.ts'
import type { TriggerScheduler } from './triggers/trigger-scheduler.ts'
import type { VersionRenderings } from './versions/version-renderings.ts'

/**
 * What every service needs: database, event bus, config, sealer, login/registration throttle, background runs,
 * monitors, this replica, the scheduler, version renderings kept for comparisons.
 */
export type Deps = {
  db: Db
  events: EventBus
  config: Config
  sealer: Sealer
  authThrottle: AuthThrottle
  background: BackgroundTasks
  monitors: MonitorRegistry
  replica: Replica
  scheduler: TriggerScheduler
  versionRenderings: VersionRenderings
}

/**
 * The authenticated caller, and how it authenticated (checked against what an operation needs at
 * the API boundary; see auth/scopes.ts). Internal actors (a schedule firing) have no credential.
 */
export type Actor = { userId: string; credential?: Credential }
