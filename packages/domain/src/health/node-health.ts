import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeKind } from '../kinds/node-kinds.ts';
import { kindDefinition } from '../kinds/registry.ts';
import type { NodeHealth } from './health-state.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { isTerminating } from './object-fields.ts';

/** A node's health from what was observed of it; `now` only matters for grace periods. */
export function nodeHealth(kind: NodeKind, observed: ObservedObjects, now: Date): NodeHealth {
  const main = mainObject(kind, observed.main);
  if (!main) return { state: 'unknown', message: 'not deployed' };
  if (isTerminating(main)) return { state: 'partial', message: 'being deleted' };
  // Each kind's rule is its definition's `health` (kinds/<kind>/index.ts).
  return kindDefinition(kind).health(main, observed, now);
}

/** The object of the kind's main Kubernetes kind (a statefulset's `main` also holds its headless Service). */
export function mainObject(kind: NodeKind, objects: readonly K8sObject[]): K8sObject | undefined {
  const expected = kindDefinition(kind).objects[0].kind;
  return objects.find((o) => o.kind === expected);
}
