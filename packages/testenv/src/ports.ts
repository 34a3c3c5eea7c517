import { createServer, type Server } from 'node:net'

/**
 * Picks `count` distinct free TCP ports on 127.0.0.1.
 *
 * All listeners are held open until every port is known, so the kernel cannot
 * hand the same port out twice; they are closed just before the components
 * start. A port could still be taken by another process in between (tiny
 * window); a component that fails to bind then fails its readiness check.
 */
export async function pickFreePorts(count: number): Promise<number[]> {
  const servers: Server[] = []
  try {
    const ports: number[] = []
    for (let i = 0; i < count; i++) {
      const server = createServer()
      servers.push(server)
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, '127.0.0.1', () => resolve())
      })
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('unexpected listen address')
      ports.push(address.port)
    }
    return ports
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
  }
}
