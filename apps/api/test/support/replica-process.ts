// One API replica as a real process, for tests that run several on one database and kill one.
// Configuration comes from the environment (KUBEORCH_TEST_CONFIG, JSON of Config).
import { configSchema } from '../../src/config.ts'
import { startServer } from '../../src/server.ts'

const config = configSchema.parse(JSON.parse(process.env.KUBEORCH_TEST_CONFIG ?? '{}'))
const server = await startServer(config)
process.stdout.write(`READY ${server.url}\n`)
// Started with --expose-gc (startReplicaProcess's `measureMemory`), a line "rss" on stdin answers
// "RSS <bytes>" after full garbage collections, so a test reads memory the process still holds.
const gc = (globalThis as { gc?: () => void }).gc
if (gc) {
  process.stdin.setEncoding('utf8').on('data', async (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (line.trim() !== 'rss') continue
      for (let i = 0; i < 3; i++) {
        gc()
        await new Promise((r) => setImmediate(r))
      }
      process.stdout.write(`RSS ${process.memoryUsage().rss}\n`)
    }
  })
}
process.on('SIGTERM', async () => {
  await server.stop()
  process.exit(0)
})
