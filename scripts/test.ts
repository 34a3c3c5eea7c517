// The one command that runs every test: `npm test`.
// Starts what the tests need through vitest global setups (an embedded PostgreSQL; the test
// Kubernetes control plane, built once into $HOME/.cache), then runs every workspace's tests.
import { spawnSync } from 'node:child_process'

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
  DO_NOT_TRACK: '1',
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
}

function run(cmd: string, args: string[]) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

run('npx', ['turbo', 'run', 'build', '--filter=@kubeorch/db'])
run('npx', ['turbo', 'run', 'typecheck'])
run('npx', ['vitest', 'run', ...process.argv.slice(2)])
