import type { NodeKind } from '@kubeorch/domain'

// KubeOrch's node data (KUBEORCH-API.md §4), kind by kind, against ours: which of its fields are
// ours under another name, which it sends empty for "not set", which mean nothing to the design
// (the client's own, kept as sent) and which are reshaped. Only the fields KUBEORCH-API.md names.

export type Data = Record<string, unknown>
export type Report = (field: (string | number)[], message: string) => void

export type KindShape = {
  /** KubeOrch's name → ours, same meaning. */
  renames?: Readonly<Record<string, string>>
  /** Fields KubeOrch sends as "" or null for "not set". */
  emptyIsUnset?: readonly string[]
  /** Fields with no meaning in the design: kept for the client, as sent (or, with a reader, used once to link). */
  own?: readonly string[]
  /** Fields kept as sent while they ask for nothing (empty, false); otherwise refused with this reason. */
  inert?: Readonly<Record<string, string>>
  /** Builds our fields from KubeOrch's (`sent` is what the client wrote; `design` is ours, built so far). */
  toDesign?: (sent: Data, design: Data, report: Report) => void
  /** The reverse, on a stored (normalized) node's data, in place. */
  fromDesign?: (data: Data) => void
}

/** On every kind: the canvas's own bookkeeping. */
export const COMMON_OWN = ['id', 'templateId', 'hasValidationError'] as const
export const COMMON_INERT: Readonly<Record<string, string>> = {
  labels: 'custom labels are not applied by this server; the objects carry its own labels',
  annotations: 'custom annotations are not applied by this server',
}
/** Runtime state KubeOrch keeps in node data; here it is the server's, never the client's. */
export const RUNTIME_KEYS = ['_status', '_secretCreated'] as const

const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `obj[key]` for a key the client chose: only its own fields, never inherited ones. */
export const ownValue = (obj: Data, key: string): unknown => (Object.hasOwn(obj, key) ? obj[key] : undefined)

/** `obj[key] = value` for a key the client chose: "__proto__" becomes a plain field, never the prototype. */
export function setOwn(obj: Data, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
}
const isEmpty = (v: unknown) => v === '' || v === null

/** KubeOrch's forms leave resource fields "" when not filled in. */
function cleanResources(design: Data): void {
  const resources = design.resources
  if (!isRecord(resources)) return
  const out: Data = {}
  for (const [group, values] of Object.entries(resources)) {
    if (!isRecord(values)) {
      setOwn(out, group, values)
      continue
    }
    const kept = Object.fromEntries(Object.entries(values).filter(([, v]) => !isEmpty(v)))
    if (Object.keys(kept).length > 0) setOwn(out, group, kept)
  }
  if (Object.keys(out).length > 0) design.resources = out
  else delete design.resources
}

/** One plain TCP port reads as KubeOrch's single `port`. */
export function singlePort(data: Data): void {
  const ports = data.ports
  if (!Array.isArray(ports)) return
  if (ports.length === 0) delete data.ports
  else if (ports.length === 1 && isRecord(ports[0]) && ports[0].name === undefined && (ports[0].protocol ?? 'TCP') === 'TCP') {
    data.port = ports[0].containerPort
    delete data.ports
  }
}

const container: KindShape = {
  own: ['envKeys'],
  emptyIsUnset: ['port'],
  toDesign: (_sent, design) => cleanResources(design),
  fromDesign: (data) => {
    singlePort(data)
    if (Array.isArray(data.env) && data.env.length === 0) delete data.env
  },
}

const workloadLink = (data: Data): { nodeId: string; name: string; kind: string } | undefined => {
  const link = data._linkedDeployment
  return isRecord(link) && typeof link.nodeId === 'string' ? (link as { nodeId: string; name: string; kind: string }) : undefined
}

/** Our linked workload (an object) read as KubeOrch's: the node id. */
function linkedDeploymentId(data: Data): void {
  const link = workloadLink(data)
  if (link) data._linkedDeployment = link.nodeId
  else delete data._linkedDeployment
}

const HPA_KINDS: Record<string, string> = { deployment: 'Deployment', statefulset: 'StatefulSet' }
const STABILIZATION = { scaleDownStabilization: 'scaleDown', scaleUpStabilization: 'scaleUp' } as const

export const KIND_SHAPES: Record<NodeKind, KindShape> = {
  deployment: container,
  daemonset: {
    ...container,
    inert: { hostNetwork: 'host networking is not supported; leave it off', hostPID: 'sharing the host PID namespace is not supported; leave it off' },
  },
  job: container,
  cronjob: container,
  statefulset: {
    ...container,
    emptyIsUnset: ['port', 'serviceName'],
    toDesign: (_sent, design) => {
      cleanResources(design)
      // Templates carry an editor id; "" storage class means the cluster's default.
      if (Array.isArray(design.volumeClaimTemplates))
        design.volumeClaimTemplates = design.volumeClaimTemplates.map((t: unknown) => {
          if (!isRecord(t)) return t
          const { id: _id, ...rest } = t
          return Object.fromEntries(Object.entries(rest).filter(([k, v]) => !(k === 'storageClassName' && isEmpty(v))))
        })
    },
    fromDesign: container.fromDesign,
  },
  service: {
    // targetApp names the workload to route to: it becomes the edge (see node-edges.ts).
    own: ['targetApp'],
    emptyIsUnset: ['targetPort'],
    inert: { selector: 'a service routes to the workload it is connected to (an edge, or targetApp); a free selector is not supported' },
    fromDesign: (data) => {
      const link = workloadLink(data)
      if (link) data.targetApp = link.name
      linkedDeploymentId(data)
    },
  },
  ingress: {
    own: ['tlsEnabled', 'tlsSecretName'],
    emptyIsUnset: ['host', 'ingressClassName'],
    toDesign: (sent, design, report) => {
      if (Array.isArray(design.paths))
        design.paths = design.paths.map((p: unknown) =>
          isRecord(p) ? Object.fromEntries(Object.entries(p).filter(([k]) => k === 'id' || k === 'path' || k === 'pathType' || k.startsWith('_'))) : p,
        )
      if (sent.tlsEnabled === true && design.tls === undefined) {
        if (typeof sent.tlsSecretName !== 'string' || sent.tlsSecretName === '') report(['tlsSecretName'], 'is required when tlsEnabled is true')
        else design.tls = [{ hosts: typeof design.host === 'string' ? [design.host] : [], secretName: sent.tlsSecretName }]
      }
    },
    fromDesign: (data) => {
      const [first] = Array.isArray(data.tls) ? (data.tls as Data[]) : []
      if (first) {
        data.tlsEnabled = true
        data.tlsSecretName = first.secretName
      }
      if (Array.isArray(data.tls) && data.tls.length <= 1) delete data.tls
    },
  },
  configmap: {},
  secret: {
    // KubeOrch's keys[{id, name}] are our entries[{key}]; values are write-only either way.
    own: ['keys'],
    toDesign: (sent, design) => {
      if (!Array.isArray(sent.keys) || design.entries !== undefined) return
      design.entries = sent.keys
        .filter((k: unknown) => !isRecord(k) || !isEmpty(k.name ?? '')) // a key not named yet is the form's, not a key
        .map((k: unknown) => (isRecord(k) ? { key: k.name, ...(k.value === undefined ? {} : { value: k.value }) } : k))
    },
    fromDesign: (data) => {
      if (!Array.isArray(data.entries)) return
      data.keys = (data.entries as Data[]).map((e) => ({ id: e.key, name: e.key }))
      delete data.entries
    },
  },
  persistentvolumeclaim: { emptyIsUnset: ['storageClassName'] },
  hpa: {
    renames: { targetCPUUtilization: 'targetCPUUtilizationPercentage', targetMemoryUtilization: 'targetMemoryUtilizationPercentage' },
    emptyIsUnset: ['targetCPUUtilization', 'targetMemoryUtilization', 'scaleDownStabilization', 'scaleUpStabilization'],
    // scaleTargetKind/Name name the workload to scale: it becomes the edge (see node-edges.ts).
    own: ['scaleTargetKind', 'scaleTargetName', 'scaleDownStabilization', 'scaleUpStabilization'],
    toDesign: (sent, design) => {
      for (const [field, direction] of Object.entries(STABILIZATION)) {
        const seconds = sent[field]
        if (seconds === undefined || isEmpty(seconds)) continue
        const behavior = (isRecord(design.behavior) ? design.behavior : (design.behavior = {})) as Data
        const rules = (isRecord(behavior[direction]) ? behavior[direction] : (behavior[direction] = {})) as Data
        rules.stabilizationWindowSeconds ??= seconds
      }
    },
    fromDesign: (data) => {
      const link = workloadLink(data)
      if (link) {
        data.scaleTargetKind = HPA_KINDS[link.kind] ?? link.kind
        data.scaleTargetName = link.name
      }
      linkedDeploymentId(data)
      for (const [ours, theirs] of [
        ['targetCPUUtilizationPercentage', 'targetCPUUtilization'],
        ['targetMemoryUtilizationPercentage', 'targetMemoryUtilization'],
      ] as const) {
        if (data[ours] !== undefined) data[theirs] = data[ours]
        delete data[ours]
      }
      const behavior = isRecord(data.behavior) ? data.behavior : undefined
      for (const [field, direction] of Object.entries(STABILIZATION)) {
        const rules = behavior && isRecord(behavior[direction]) ? (behavior[direction] as Data) : undefined
        if (rules?.stabilizationWindowSeconds === undefined) continue
        data[field] = rules.stabilizationWindowSeconds
        if (Object.keys(rules).length === 1) delete behavior![direction]
      }
      if (behavior && Object.keys(behavior).length === 0) delete data.behavior
    },
  },
  networkpolicy: {
    inert: { podSelector: 'a network policy applies to the workloads it is connected to (edges); a free podSelector is not supported' },
  },
}

/** Every field name that only KubeOrch's canvas writes (its presence marks a node as written in KubeOrch's shape). */
export function kubeorchOnlyFields(kind: NodeKind): ReadonlySet<string> {
  const shape = KIND_SHAPES[kind]
  return new Set([
    ...COMMON_OWN,
    ...Object.keys(COMMON_INERT),
    ...(shape.own ?? []),
    ...Object.keys(shape.renames ?? {}),
    ...Object.keys(shape.inert ?? {}),
  ])
}

/** True for what KubeOrch sends in an inert field when it asks for nothing. */
export const isInertValue = (v: unknown) => v === false || isEmpty(v) || v === undefined || (isRecord(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0)

export const CONTAINER_KINDS: ReadonlySet<NodeKind> = new Set(['deployment', 'statefulset', 'daemonset', 'job', 'cronjob'])
export { isEmpty, isRecord }
