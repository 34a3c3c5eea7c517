import { parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { renderKwokConfig } from '../src/kwok-config.ts'
import { FAILURE_MODE_QUERY } from '../src/failures.ts'
import { NODE_BASE_USAGE, POD_USAGE } from '../src/metrics.ts'

describe('renderKwokConfig', () => {
  it('renders valid kwok documents with every placeholder filled in', async () => {
    const text = await renderKwokConfig({ podLogFile: '/w/pod.log', previousPodLogFile: '/w/prev.log', execDir: '/w/exec' })
    expect(text).not.toMatch(/__[A-Z_]+__/)
    const docs = parseAllDocuments(text).map((d) => {
      expect(d.errors).toEqual([])
      return d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> }
    })
    const stages = docs.filter((d) => d.kind === 'Stage').map((d) => d.metadata.name)
    expect(stages).toEqual(expect.arrayContaining([
      'node-initialize', 'pod-ready', 'pod-complete', 'pod-delete',
      'pod-err-image-pull', 'pod-image-pull-unauthorized', 'pod-image-pull-back-off', 'pod-crash-start', 'pod-liveness-probe-start', 'pod-crash-loop-back-off', 'pod-crash-restart',
      'pod-fail-once-recover', 'pod-fail-once-complete', 'pod-crash-never', 'pod-config-missing',
      'ingress-address', 'service-load-balancer-address', 'pvc-provision', 'pv-bind', 'pvc-delete', 'pv-delete',
    ]))
    expect(new Set(stages).size).toBe(stages.length)
    const podReady = docs.find((d) => d.metadata.name === 'pod-ready')!
    expect(JSON.stringify(podReady.spec)).toContain(JSON.stringify(FAILURE_MODE_QUERY).slice(1, -1))
    expect(docs.find((d) => d.kind === 'ClusterLogs')?.spec).toEqual({
      logs: [{ logsFile: '/w/pod.log', previousLogsFile: '/w/prev.log', follow: true }],
    })
    expect(docs.find((d) => d.kind === 'Metric')?.spec.path).toBe('/metrics/nodes/{nodeName}/metrics/resource')
    expect(JSON.stringify(docs.find((d) => d.kind === 'ClusterResourceUsage')?.spec)).toContain(`Quantity(\\"${POD_USAGE.cpu}\\")`)
    expect(JSON.stringify(docs.find((d) => d.kind === 'Metric')?.spec)).toContain(`node.SinceSecond() * ${NODE_BASE_USAGE.cpuCores.toFixed(3)}`)
    // Read by kwok/exec-confine.sh, which kwok runs for every exec (see exec-confinement.test.ts).
    expect(docs.find((d) => d.kind === 'ClusterExec')?.spec).toEqual({
      execs: [{
        local: {
          workDir: '/w/exec',
          envs: [{ name: 'KUBEORCH_EXEC_ROOT', value: '/w/exec' }],
        },
      }],
    })
  })
})
