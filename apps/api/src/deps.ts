import { createDb } from '@kubeorch/db'
import type { Config } from './config.ts'
import { createInProcessEventBus } from './events.ts'
import type { Deps } from './services/index.ts'
import { createLoginThrottle } from './services/auth/login-attempts.ts'
import { createBackgroundTasks } from './services/background.ts'
import { createMonitorRegistry } from './services/monitoring/monitor-registry.ts'
import { createSealer } from './services/secrets/seal.ts'

export function createDeps(config: Config, db = createDb(config.databaseUrl)): Deps {
  return {
    db,
    events: createInProcessEventBus(),
    config,
    sealer: createSealer(config.encryptionKey),
    loginThrottle: createLoginThrottle(),
    background: createBackgroundTasks(),
    monitors: createMonitorRegistry(),
  }
}
