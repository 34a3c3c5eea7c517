import type { K8sObject } from '../kinds/kind-definition.ts';
import { AWAITING_CONTROLLER, awaitingController } from './generation.ts';
import type { NodeHealth } from './health-state.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { num, str } from './object-fields.ts';
import { fatalPodHealth } from './pod-problems.ts';

// kubectl rollout status (daemonset): every scheduled pod updated, then available.
export function daemonsetHealth(daemonSet: K8sObject, observed: ObservedObjects, now: Date): NodeHealth {
  const fatal = fatalPodHealth(observed.pods, now, undefined, observed.configs);
  if (fatal) return fatal;
  if (awaitingController(daemonSet)) return { state: 'partial', message: AWAITING_CONTROLLER };

  const desired = num(daemonSet, 'status', 'desiredNumberScheduled') ?? 0;
  const updated = num(daemonSet, 'status', 'updatedNumberScheduled') ?? 0;
  const available = num(daemonSet, 'status', 'numberAvailable') ?? 0;
  const details = { desired, updated, available };
  // No node matches the nodeSelector / tolerations: nothing to run, which is not a failure.
  if (desired === 0) return { state: 'healthy', message: 'no nodes to run on (0 pods desired)', details };
  if (str(daemonSet, 'spec', 'updateStrategy', 'type') !== 'OnDelete' && updated < desired) {
    return { state: 'partial', message: `${updated}/${desired} pods updated`, details };
  }
  if (available < desired) return { state: 'partial', message: `${available}/${desired} pods available`, details };
  return { state: 'healthy', message: `${available}/${desired} pods available`, details };
}
