import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { stringify } from 'yaml'
import { launcherEnv } from './exec-confinement.ts'
import { CONTAINER_MODE_TEMPLATE, FAILURE_ANNOTATION, FAILURE_IMAGE_PREFIX, FAILURE_MESSAGE_ANNOTATION, FAILURE_MODE_QUERY, FAILURE_MODES } from './failures.ts'
import { NODE_BASE_USAGE, POD_USAGE } from './metrics.ts'
import { INGRESS_DOMAIN, LOADBALANCER_DOMAIN } from './networking.ts'

const STAGE_FILES = [
  'node-stages.yaml', 'pod-stages.yaml', 'failure-stages.yaml', 'network-stages.yaml', 'volume-stages.yaml',
  // Not stages: the kubelet resource Metric and the pods' ClusterResourceUsage.
  'metrics.yaml',
]
const kwokDir = fileURLToPath(new URL('../kwok/', import.meta.url))

export interface KwokConfigPaths {
  /** CRI-format log file served for every container (`kubectl logs`). */
  podLogFile: string
  /** Served for `kubectl logs --previous`. */
  previousPodLogFile: string
  /** An empty dir each exec mounts its private root on (in a mount namespace of its own). */
  execDir: string
}

/**
 * Renders kwok's --config: the stage and metrics files in ../kwok with their
 * placeholders filled in from failures.ts, networking.ts and metrics.ts (so
 * each rule is written once), plus a ClusterLogs and a ClusterExec for all pods.
 *
 * kwok has no containers: exec runs the requested command on this machine,
 * through the confining launcher (exec-confinement.ts), which builds the
 * command's private root on `execDir`.
 */
export async function renderKwokConfig(paths: KwokConfigPaths): Promise<string> {
  const modes = JSON.stringify(Object.values(FAILURE_MODES))
  const stages = await Promise.all(STAGE_FILES.map(async (f) => {
    const text = await readFile(kwokDir + f, 'utf8')
    return text
      .replaceAll('__CONTAINER_MODE__', CONTAINER_MODE_TEMPLATE)
      .replaceAll('__FAILURE_MODE_QUERY__', FAILURE_MODE_QUERY)
      .replaceAll('__FAILURE_MODES__', modes)
      .replaceAll('__FAILURE_MESSAGE_ANNOTATION__', FAILURE_MESSAGE_ANNOTATION)
      .replaceAll('__FAILURE_ANNOTATION__', FAILURE_ANNOTATION)
      .replaceAll('__FAILURE_IMAGE_PREFIX__', FAILURE_IMAGE_PREFIX)
      .replaceAll('__INGRESS_DOMAIN__', INGRESS_DOMAIN)
      .replaceAll('__LOADBALANCER_DOMAIN__', LOADBALANCER_DOMAIN)
      .replaceAll('__USAGE_CPU__', POD_USAGE.cpu)
      .replaceAll('__USAGE_MEMORY__', POD_USAGE.memory)
      .replaceAll('__NODE_BASE_CPU_CORES__', NODE_BASE_USAGE.cpuCores.toFixed(3))
      .replaceAll('__NODE_BASE_MEMORY_BYTES__', String(NODE_BASE_USAGE.memoryBytes))
  }))
  const logs = stringify({
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'ClusterLogs',
    metadata: { name: 'testenv-logs' },
    spec: { logs: [{ logsFile: paths.podLogFile, previousLogsFile: paths.previousPodLogFile, follow: true }] },
  })
  const exec = stringify({
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'ClusterExec',
    metadata: { name: 'testenv-exec' },
    spec: {
      execs: [{
        local: {
          workDir: paths.execDir,
          envs: Object.entries(launcherEnv(paths.execDir)).map(([name, value]) => ({ name, value })),
        },
      }],
    },
  })
  return [...stages, logs, exec].map((doc) => doc.trim()).join('\n---\n') + '\n'
}
