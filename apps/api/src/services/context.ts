import type { Db } from '@kubeorch/db'
import type { Config } from '../config.ts'
import type { EventBus } from '../events.ts'
import type { Sealer } from './secrets/seal.ts'

/** What every service needs: the database, the event bus, config and the sealer. */
export type Deps = { db: Db; events: EventBus; config: Config; sealer: Sealer }

/** The authenticated caller. */
export type Actor = { userId: string }
