/**
 * The order in which a run applies Kubernetes kinds (SPEC §7): what others depend on goes first
 * (namespaces, policies, config, storage, services), then workloads, then what routes to them.
 * Same idea as Helm's kind sorter. Written once; the runner and renderManifests read it.
 */
export const APPLY_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Service',
  'DaemonSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'Ingress',
] as const;

export type ApplyKind = (typeof APPLY_ORDER)[number];

/** Position of a kind in APPLY_ORDER; unknown kinds go last. */
export function applyRank(kind: string): number {
  const index = (APPLY_ORDER as readonly string[]).indexOf(kind);
  return index < 0 ? APPLY_ORDER.length : index;
}

/** Splits items into apply steps: one group per kind, in APPLY_ORDER (items of a step may go concurrently). */
export function groupByApplyOrder<T extends { kind: string }>(items: readonly T[]): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const rank = applyRank(item.kind);
    groups.set(rank, [...(groups.get(rank) ?? []), item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}
