import type { K8sObject } from '../kinds/kind-definition.ts';
import { AWAITING_CONTROLLER, awaitingController } from './generation.ts';
import type { NodeHealth } from './health-state.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { num, str } from './object-fields.ts';
import { fatalPodHealth } from './pod-problems.ts';

// kubectl rollout status (statefulset): ready replicas, then the partition, then the revisions.
export function statefulsetHealth(statefulSet: K8sObject, observed: ObservedObjects, now: Date): NodeHealth {
  const fatal = fatalPodHealth(observed.pods, now, undefined, observed.configs);
  if (fatal) return fatal;
  if (awaitingController(statefulSet)) return { state: 'partial', message: AWAITING_CONTROLLER };

  const desired = num(statefulSet, 'spec', 'replicas') ?? 1;
  const ready = num(statefulSet, 'status', 'readyReplicas') ?? 0;
  const updated = num(statefulSet, 'status', 'updatedReplicas') ?? 0;
  const currentRevision = str(statefulSet, 'status', 'currentRevision');
  const updateRevision = str(statefulSet, 'status', 'updateRevision');
  const details = { desired, ready, updated, currentRevision, updateRevision };
  if (desired === 0) return { state: 'healthy', message: 'scaled to 0', details };
  if (ready < desired) return { state: 'partial', message: `${ready}/${desired} replicas ready`, details };

  // OnDelete: pods are replaced only when someone deletes them, so there is no rollout to wait for.
  if (str(statefulSet, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
    return { state: 'healthy', message: `${ready}/${desired} replicas ready`, details };
  }
  const partition = num(statefulSet, 'spec', 'updateStrategy', 'rollingUpdate', 'partition');
  if (partition !== undefined && partition > 0) {
    const expected = Math.max(desired - partition, 0);
    return updated < expected
      ? { state: 'partial', message: `${updated}/${expected} replicas updated (partition ${partition})`, details }
      : { state: 'healthy', message: `${ready}/${desired} replicas ready (partition ${partition})`, details };
  }
  if (updateRevision !== undefined && currentRevision !== updateRevision) {
    return { state: 'partial', message: `${updated}/${desired} replicas updated to revision ${updateRevision}`, details };
  }
  return { state: 'healthy', message: `${ready}/${desired} replicas ready`, details };
}
