/** The twelve node kinds, in palette order. Everything else about a kind lives in `kindRegistry`. */
export const NODE_KINDS = [
  'deployment',
  'statefulset',
  'daemonset',
  'job',
  'cronjob',
  'service',
  'ingress',
  'configmap',
  'secret',
  'persistentvolumeclaim',
  'hpa',
  'networkpolicy',
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

/** Kinds that run pods: the targets of config, storage and policy edges. */
export const WORKLOAD_KINDS = ['deployment', 'statefulset', 'daemonset', 'job', 'cronjob'] as const satisfies readonly NodeKind[];

export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value);
}

export function isWorkloadKind(value: unknown): value is WorkloadKind {
  return typeof value === 'string' && (WORKLOAD_KINDS as readonly string[]).includes(value);
}
