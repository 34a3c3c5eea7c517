import { builder } from '../builder.ts'
import './errors.ts'
import './auth.ts'
import './clusters.ts'
import './workflows.ts'
import './versions.ts'
import './runs.ts'
import './events.ts'
import './monitor.ts'
import './terminal.ts'
import './node-resources.ts'
import './triggers.ts'

export const schema = builder.toSchema()
