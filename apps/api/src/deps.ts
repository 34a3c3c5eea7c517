import { createDb } from '@kubeorch/db'
import type { Config } from './config.ts'
import { createInProcessEventBus, type EventBus } from './events.ts'
import { createPostgresEventBus } from './events-postgres.ts'
import type { Deps } from './services/index.ts'
import { createAuthThrottle } from './services/auth/auth-throttle.ts'
import { createBackgroundTasks } from './services/background.ts'
import { createMonitorRegistry } from './services/monitoring/monitor-registry.ts'
import { createReplica } from './services/replicas/replica.ts'
import { createSealer } from './services/secrets/seal.ts'
import { createTriggerScheduler } from './services/triggers/trigger-scheduler.ts'
import { createVersionRenderings } from './services/versions/version-renderings.ts'

export function createDeps(config: Config, db = createDb(config.databaseUrl)): Deps {
  const replica = createReplica()
  // Several replicas share live events through PostgreSQL; the bus is started with the replica.
  let events: EventBus = createInProcessEventBus()
  if (config.eventBus === 'postgres') {
    const shared = createPostgresEventBus(config.databaseUrl, replica.id)
    replica.resources.push(shared)
    events = shared
  }
  return {
    db,
    events,
    config,
    sealer: createSealer(config.encryptionKey),
    authThrottle: createAuthThrottle(config),
    background: createBackgroundTasks(),
    monitors: createMonitorRegistry(),
    replica,
    scheduler: createTriggerScheduler(),
    versionRenderings: createVersionRenderings(),
  }
}
