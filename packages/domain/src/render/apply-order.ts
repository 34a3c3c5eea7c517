import { MANAGED_TYPES } from '../kinds/kube-types-of-kinds.ts';
import { NAMESPACE } from '../kinds/shared/kube-types.ts';

/**
 * The order in which a run applies Kubernetes kinds (SPEC §7): what others depend on goes first
 * (namespaces, policies, config, storage, services), then workloads, then what routes to them.
 * Same idea as Helm's kind sorter. Derived from the `applyRank` of each type the kinds render
 * (written once, in the kind's folder); the runner and renderManifests read it.
 */
export const APPLY_ORDER: readonly string[] = Object.freeze(
  [...new Map([NAMESPACE, ...MANAGED_TYPES].map((t) => [t.kind, t.applyRank])).entries()].sort(([, a], [, b]) => a - b).map(([kind]) => kind),
);

const RANKS = new Map(APPLY_ORDER.map((kind, index) => [kind, index]));

/** Position of a kind in APPLY_ORDER; unknown kinds go last. */
export function applyRank(kind: string): number {
  return RANKS.get(kind) ?? APPLY_ORDER.length;
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
