import type { K8sObject } from '../kinds/kind-definition.ts';
import { AWAITING_CONTROLLER, awaitingController } from './generation.ts';
import type { NodeHealth } from './health-state.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { condition, field, num, reasonMessage } from './object-fields.ts';
import { fatalPodHealth } from './pod-problems.ts';

// Rollout rules of kubectl rollout status (deployment), with fatal pod reasons checked first so
// that a bad image is red now, not when the 10-minute progress deadline passes. A paused
// Deployment says so (gitops-engine, pkg/health/health_deployment.go: paused is Suspended, before
// any rollout count): its rollout is on hold on purpose, so it is green with that cause rather
// than yellow with a count that will not move ("1 old replicas pending termination").
export function deploymentHealth(deployment: K8sObject, observed: ObservedObjects, now: Date): NodeHealth {
  const fatal = fatalPodHealth(currentRevisionPods(observed), now, undefined, observed.configs);
  if (fatal) return fatal;
  if (awaitingController(deployment)) return { state: 'partial', message: AWAITING_CONTROLLER };

  const progressing = condition(deployment, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { state: 'error', message: reasonMessage(progressing.reason, progressing.message, 'ProgressDeadlineExceeded') };
  }

  const desired = num(deployment, 'spec', 'replicas') ?? 1;
  const replicas = num(deployment, 'status', 'replicas') ?? 0;
  const updated = num(deployment, 'status', 'updatedReplicas') ?? 0;
  const available = num(deployment, 'status', 'availableReplicas') ?? 0;
  const details = { desired, updated, available };
  if (field(deployment, 'spec', 'paused') === true) {
    const held =
      updated < desired ? `: rollout on hold at ${updated}/${desired} replicas updated`
      : replicas > updated ? `: rollout on hold with ${replicas - updated} old replica${replicas - updated === 1 ? '' : 's'} left`
      : '';
    return { state: 'healthy', message: `paused${held} (${available}/${desired} replicas available)`, details };
  }
  if (desired === 0) return { state: 'healthy', message: 'scaled to 0', details };
  if (updated < desired) return { state: 'partial', message: `${updated}/${desired} replicas updated`, details };
  if (replicas > updated) return { state: 'partial', message: `${replicas - updated} old replicas pending termination`, details };
  if (available < updated) return { state: 'partial', message: `${available}/${desired} replicas available`, details };
  return { state: 'healthy', message: `${available}/${desired} replicas available`, details };
}

const REVISION = 'deployment.kubernetes.io/revision';
const TEMPLATE_HASH = 'pod-template-hash';

/**
 * The pods of the newest ReplicaSet (highest revision). While a fixed template rolls out, the old
 * revision's pods still crash-loop until the new ones are available: they are on their way out and
 * must not turn the node red. Without ReplicaSets observed, every pod counts.
 */
function currentRevisionPods(observed: ObservedObjects): K8sObject[] | undefined {
  let newest: K8sObject | undefined;
  let newestRevision = -1;
  for (const rs of observed.replicaSets ?? []) {
    const revision = Number((rs.metadata.annotations as Record<string, string> | undefined)?.[REVISION]);
    if (Number.isFinite(revision) && revision > newestRevision) {
      newest = rs;
      newestRevision = revision;
    }
  }
  const hash = (newest?.metadata.labels as Record<string, string> | undefined)?.[TEMPLATE_HASH];
  if (hash === undefined) return observed.pods;
  return observed.pods?.filter((pod) => (pod.metadata.labels as Record<string, string> | undefined)?.[TEMPLATE_HASH] === hash);
}
