import { createDb } from '@kubeorch/db'
import type { Config } from './config.ts'
import { createInProcessEventBus } from './events.ts'
import type { Deps } from './services/index.ts'
import { createLoginThrottle } from './services/auth/login-attempts.ts'
import { createSealer } from './services/secrets/seal.ts'

export function createDeps(config: Config): Deps {
  return {
    db: createDb(config.databaseUrl),
    events: createInProcessEventBus(),
    config,
    sealer: createSealer(config.encryptionKey),
    loginThrottle: createLoginThrottle(),
  }
}
