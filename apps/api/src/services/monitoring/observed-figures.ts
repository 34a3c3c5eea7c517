import type { K8sObject, NodeKind } from '@kubeorch/domain'

/** The object of a node whose status figures are reported (a StatefulSet's node also has its headless Service). */
const MAIN_KIND: Partial<Record<NodeKind, string>> = {
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  service: 'Service',
  ingress: 'Ingress',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  job: 'Job',
}

export type ObservedFigures = Record<string, string | number>

const at = (o: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), o)
const num = (v: unknown, fallback?: number) => (typeof v === 'number' ? v : fallback)
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)

/**
 * Counts and addresses read from a node's object as the cluster reports them (Kubernetes' own
 * field names: replicas and readyReplicas, clusterIP, capacity…), stored in the node status
 * details under `observed` beside the health rule's own details. The REST adapter builds
 * KubeOrch's status object from them; nothing decides health on them.
 */
export function observedFigures(kind: NodeKind, main: readonly K8sObject[]): ObservedFigures | undefined {
  const o = main.find((m) => m.kind === MAIN_KIND[kind])
  if (!o) return undefined
  const figures: Record<string, string | number | undefined> = {}
  switch (kind) {
    case 'deployment':
      figures.replicas = num(at(o, 'spec', 'replicas'), 1)
      figures.readyReplicas = num(at(o, 'status', 'readyReplicas'), 0)
      break
    case 'statefulset':
      figures.replicas = num(at(o, 'spec', 'replicas'), 1)
      figures.readyReplicas = num(at(o, 'status', 'readyReplicas'), 0)
      figures.currentReplicas = num(at(o, 'status', 'currentReplicas'), 0)
      break
    case 'daemonset':
      figures.desiredNumberScheduled = num(at(o, 'status', 'desiredNumberScheduled'), 0)
      figures.numberReady = num(at(o, 'status', 'numberReady'), 0)
      break
    case 'service':
      figures.clusterIP = str(at(o, 'spec', 'clusterIP'))
      figures.nodePort = num(at(o, 'spec', 'ports', 0, 'nodePort'))
      figures.externalIP = str(at(o, 'status', 'loadBalancer', 'ingress', 0, 'ip')) ?? str(at(o, 'status', 'loadBalancer', 'ingress', 0, 'hostname'))
      break
    case 'ingress': {
      const rules = at(o, 'spec', 'rules')
      figures.loadBalancerIP = str(at(o, 'status', 'loadBalancer', 'ingress', 0, 'ip'))
      figures.loadBalancerHostname = str(at(o, 'status', 'loadBalancer', 'ingress', 0, 'hostname'))
      figures.rulesCount = Array.isArray(rules) ? rules.length : 0
      break
    }
    case 'persistentvolumeclaim':
      figures.capacity = str(at(o, 'status', 'capacity', 'storage'))
      figures.volumeName = str(at(o, 'spec', 'volumeName'))
      break
    case 'job':
      figures.active = num(at(o, 'status', 'active'), 0)
      figures.succeeded = num(at(o, 'status', 'succeeded'), 0)
      figures.failed = num(at(o, 'status', 'failed'), 0)
      break
    default:
      return undefined
  }
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) as ObservedFigures
}
