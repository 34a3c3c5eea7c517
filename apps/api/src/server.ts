import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildApp } from './app.ts'
import type { Config } from './config.ts'
import { createDeps } from './deps.ts'
import { startReplica } from './services/replicas/start-replica.ts'

export type RunningServer = { url: string; stop(): Promise<void> }

/** Listens on config.host:config.port (0 = any free port) and stops cleanly. */
export async function startServer(config: Config): Promise<RunningServer> {
  const deps = createDeps(config)
  const replica = await startReplica(deps)
  const { recovered } = replica
  if (recovered.failed) console.warn(`marked ${recovered.failed} interrupted run(s) failed`)
  if (replica.clusters.unusable) console.warn(`marked ${replica.clusters.unusable} cluster(s) unusable: their stored credentials are refused`)
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
      // Runs still in flight are not awaited: they are failed as interrupted (SPEC §7) and the
      // monitors handed to the other replicas, if any.
      await replica.stop()
      await deps.db.$disconnect()
    },
  }
}
