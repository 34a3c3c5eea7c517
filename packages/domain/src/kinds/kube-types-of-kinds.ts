import type { AppliedType, KubeType } from './kind-definition.ts';
import { NODE_KINDS } from './node-kinds.ts';
import { kindDefinition } from './registry.ts';
import { EVENT } from './shared/kube-types.ts';

// The Kubernetes types KubeOrch touches, derived from the kinds' definitions so that a kind can
// never be applied but not watched, pruned or archived.

const keyOf = (t: KubeType) => `${t.apiVersion}/${t.kind}`;

function unique<T extends KubeType>(types: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const t of types) if (!seen.has(keyOf(t))) seen.set(keyOf(t), t);
  return [...seen.values()];
}

/**
 * Every type some kind renders: what prune and archive list by the workflow's label, and what
 * the monitor watches. Namespaces are not among them on purpose: KubeOrch creates missing
 * namespaces but never deletes one, since other things may live in it.
 */
export const MANAGED_TYPES: readonly AppliedType[] = Object.freeze(unique(NODE_KINDS.flatMap((kind) => kindDefinition(kind).objects)));

/**
 * What health reads besides the managed types: each kind's `observes` (pods, ReplicaSets,
 * EndpointSlices, found by the same label selector: pod templates and the EndpointSlice
 * controller copy our labels) and Events (unlabelled: matched to the objects by uid).
 */
export const RELATED_TYPES: readonly KubeType[] = Object.freeze(
  unique([...NODE_KINDS.flatMap((kind) => kindDefinition(kind).observes), EVENT]).filter((t) => !MANAGED_TYPES.some((m) => keyOf(m) === keyOf(t))),
);
