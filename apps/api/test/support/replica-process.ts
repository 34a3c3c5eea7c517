// One API replica as a real process, for tests that run several on one database and kill one.
// Configuration comes from the environment (KUBEORCH_TEST_CONFIG, JSON of Config).
import { configSchema } from '../../src/config.ts'
import { startServer } from '../../src/server.ts'

const config = configSchema.parse(JSON.parse(process.env.KUBEORCH_TEST_CONFIG ?? '{}'))
const server = await startServer(config)
process.stdout.write(`READY ${server.url}\n`)
process.on('SIGTERM', async () => {
  await server.stop()
  process.exit(0)
})
