// A process that starts a control plane and holds it, for the owner-death test: it prints the
// work dir once the control plane is ready and then waits to be signalled or killed.
import { startControlPlane } from '../../src/index.ts'

const cp = await startControlPlane({ nodes: 1 })
process.stdout.write(`${JSON.stringify({ workDir: cp.workDir, pid: process.pid })}\n`)
setInterval(() => {}, 1 << 30)
