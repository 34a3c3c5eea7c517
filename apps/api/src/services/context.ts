import type { Db } from '@kubeorch/db'
import type { Config } from '../config.ts'
import type { EventBus } from '../events.ts'
import type { LoginThrottle } from './auth/login-attempts.ts'
import type { Sealer } from './secrets/seal.ts'

/** What every service needs: the database, the event bus, config, the sealer and the login throttle. */
export type Deps = { db: Db; events: EventBus; config: Config; sealer: Sealer; loginThrottle: LoginThrottle }

/** The authenticated caller. */
export type Actor = { userId: string }
