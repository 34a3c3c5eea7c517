import { configmapKind } from './configmap/index.ts';
import { cronjobKind } from './cronjob/index.ts';
import { daemonsetKind } from './daemonset/index.ts';
import { deploymentKind } from './deployment/index.ts';
import { hpaKind } from './hpa/index.ts';
import { ingressKind } from './ingress/index.ts';
import type { KindDefinition } from './kind-definition.ts';
import { jobKind } from './job/index.ts';
import { networkpolicyKind } from './networkpolicy/index.ts';
import type { NodeKind } from './node-kinds.ts';
import { persistentvolumeclaimKind } from './persistentvolumeclaim/index.ts';
import { secretKind } from './secret/index.ts';
import { serviceKind } from './service/index.ts';
import { statefulsetKind } from './statefulset/index.ts';

/** Everything about each node kind, in one place (STYLE: one registry). */
export const kindRegistry = {
  deployment: deploymentKind,
  statefulset: statefulsetKind,
  daemonset: daemonsetKind,
  job: jobKind,
  cronjob: cronjobKind,
  service: serviceKind,
  ingress: ingressKind,
  configmap: configmapKind,
  secret: secretKind,
  persistentvolumeclaim: persistentvolumeclaimKind,
  hpa: hpaKind,
  networkpolicy: networkpolicyKind,
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry keeps its own Data type
} as const satisfies { readonly [K in NodeKind]: KindDefinition<any> };

export type KindRegistry = typeof kindRegistry;

/** The registry entry with its Data type erased, for code that handles every kind alike. */
export function kindDefinition(kind: NodeKind): KindDefinition<Record<string, unknown>> {
  return kindRegistry[kind] as unknown as KindDefinition<Record<string, unknown>>;
}
