import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildApp } from './app.ts'
import type { Config } from './config.ts'
import { createDeps } from './deps.ts'
import { recoverRuns } from './services/runs/recover-runs.ts'

export type RunningServer = { url: string; stop(): Promise<void> }

/** Listens on config.host:config.port (0 = any free port) and stops cleanly. */
export async function startServer(config: Config): Promise<RunningServer> {
  const deps = createDeps(config)
  const recovered = await recoverRuns(deps)
  if (recovered.failed) console.warn(`marked ${recovered.failed} interrupted run(s) failed`)
  const app = buildApp(deps)
  const server = createServer(app.adapter)
  const closeWs = app.attachWebSockets(server)
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${config.host}:${port}`,
    stop: async () => {
      await closeWs()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      // Runs still in flight are not awaited: the next start marks them interrupted (SPEC §7).
      await deps.monitors.stopAll()
      await deps.db.$disconnect()
    },
  }
}
