import type { Db } from '@kubeorch/db'
import type { Config } from '../config.ts'
import type { EventBus } from '../events.ts'
import type { LoginThrottle } from './auth/login-attempts.ts'
import type { BackgroundTasks } from './background.ts'
import type { MonitorRegistry } from './monitoring/monitor-registry.ts'
import type { Replica } from './replicas/replica.ts'
import type { Sealer } from './secrets/seal.ts'
import type { TriggerScheduler } from './triggers/trigger-scheduler.ts'
import type { VersionRenderings } from './versions/version-renderings.ts'

/**
 * What every service needs: database, event bus, config, sealer, login throttle, background runs,
 * monitors, this replica, the scheduler, version renderings kept for comparisons.
 */
export type Deps = {
  db: Db
  events: EventBus
  config: Config
  sealer: Sealer
  loginThrottle: LoginThrottle
  background: BackgroundTasks
  monitors: MonitorRegistry
  replica: Replica
  scheduler: TriggerScheduler
  versionRenderings: VersionRenderings
}

/** The authenticated caller. */
export type Actor = { userId: string }
