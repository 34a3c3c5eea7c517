import { authRoutes } from './auth.ts'
import { clusterRoutes } from './clusters.ts'
import { dashboardRoutes } from './dashboard.ts'
import { monitorRoutes } from './monitor.ts'
import { hookRoutes } from './hooks.ts'
import { createRestRouter, type Route } from './router.ts'
import { runRoutes } from './runs.ts'
import { triggerRoutes } from './triggers.ts'
import { versionRoutes } from './versions.ts'
import { workflowRoutes } from './workflows.ts'

export const REST_PREFIX = '/v1/api'
// /versions/compare comes before /versions/:version in the table, so it wins the match; so does
// /clusters/default before /clusters/:id.
export const REST_ROUTES: Route[] = [...authRoutes, ...clusterRoutes, ...workflowRoutes, ...versionRoutes, ...runRoutes, ...monitorRoutes, ...triggerRoutes, ...dashboardRoutes, ...hookRoutes]
export const restRouter = createRestRouter(REST_PREFIX, REST_ROUTES)
export { openApiDocument } from './openapi.ts'
