import type { NodeKind } from '../kinds/node-kinds.ts';

// Linked fields: computed from edges by recomputeLinks, stored under `_linked*` keys only, never
// written by users. Renderers read them; the server recomputes them on every save.

export type WorkloadRef = { nodeId: string; name: string; kind: NodeKind };

/** On a service: the workload it routes to. */
export type ServiceWorkloadLink = WorkloadRef & {
  selector: Record<string, string>;
  /** The workload's first container port, used when the service sets no targetPort. */
  targetPort?: number;
};

/** On an ingress path: the service it forwards to. */
export type IngressServiceLink = { nodeId: string; name: string; port?: number };

/** On a workload: a ConfigMap or Secret; without mountPath it is injected as environment (envFrom). */
export type MountLink = { nodeId: string; name: string; mountPath?: string };

/** On a workload: a PVC; Block volumes are attached as devices at mountPath. */
export type PvcLink = MountLink & { volumeMode: 'Filesystem' | 'Block' };

/** On a workload: the HPA scaling it (its replica count is then left to the HPA). */
export type HpaLink = { nodeId: string; name: string };

/** On a network policy: the workloads whose pods it selects. */
export type PolicyWorkloadLink = WorkloadRef & { podLabels: Record<string, string> };

export type WorkloadLinks = {
  _linkedConfigMaps?: MountLink[];
  _linkedSecrets?: MountLink[];
  _linkedPVCs?: PvcLink[];
  _linkedHPA?: HpaLink;
};

export const LINKED_KEY_PREFIX = '_linked';
