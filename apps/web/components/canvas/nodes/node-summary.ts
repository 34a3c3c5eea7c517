import type { NodeKind } from '@kubeorch/domain'
import type { NodeData } from '../store/design'

/** The few fields worth seeing on a card without opening the settings, per kind. */
export function summarizeNode(kind: NodeKind, d: NodeData): string[] {
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined)
  const count = (v: unknown) => (Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0)
  const ports = (v: unknown) =>
    Array.isArray(v) ? v.map((p) => (p && typeof p === 'object' ? str((p as Record<string, unknown>).containerPort) : undefined)).filter(Boolean).join(', ') : ''
  const lines: (string | undefined | false)[] = []
  switch (kind) {
    case 'deployment':
    case 'statefulset':
      lines.push(str(d.image), `${str(d.replicas) ?? 1} replica${d.replicas === 1 ? '' : 's'}${ports(d.ports) ? ` · port ${ports(d.ports)}` : ''}`)
      break
    case 'daemonset':
      lines.push(str(d.image), ports(d.ports) && `port ${ports(d.ports)}`)
      break
    case 'job':
      lines.push(str(d.image), `restart ${str(d.restartPolicy) ?? 'Never'} · backoff ${str(d.backoffLimit) ?? 6}`)
      break
    case 'cronjob':
      lines.push(str(d.image), str(d.schedule) && `schedule ${str(d.schedule)}`)
      break
    case 'service':
      lines.push(`${str(d.serviceType) ?? 'ClusterIP'} · port ${str(d.port) ?? 80}${d.targetPort !== undefined ? ` → ${str(d.targetPort)}` : ''}`)
      break
    case 'ingress':
      lines.push(str(d.host) ?? 'any host', `${count(d.paths)} path${count(d.paths) === 1 ? '' : 's'}`)
      break
    case 'configmap':
      lines.push(`${count(d.data)} key${count(d.data) === 1 ? '' : 's'}`, str(d.mountPath) ? `mounted at ${str(d.mountPath)}` : 'as environment')
      break
    case 'secret':
      lines.push(`${str(d.secretType) ?? 'Opaque'} · ${count(d.entries)} key${count(d.entries) === 1 ? '' : 's'}`, str(d.mountPath) ? `mounted at ${str(d.mountPath)}` : 'as environment')
      break
    case 'persistentvolumeclaim':
      lines.push(`${str(d.storage) ?? '1Gi'} · ${Array.isArray(d.accessModes) ? d.accessModes.join(', ') : 'ReadWriteOnce'}`, str(d.mountPath) && `at ${str(d.mountPath)}`)
      break
    case 'hpa':
      lines.push(
        `${str(d.minReplicas) ?? 1}–${str(d.maxReplicas) ?? 3} replicas`,
        d.targetCPUUtilizationPercentage !== undefined && `CPU ${str(d.targetCPUUtilizationPercentage)}%`,
      )
      break
    case 'networkpolicy':
      lines.push(Array.isArray(d.policyTypes) ? d.policyTypes.join(' + ') : 'Ingress', `${count(d.ingress)} in · ${count(d.egress)} out rules`)
      break
  }
  return lines.filter((l): l is string => typeof l === 'string' && l.length > 0)
}
