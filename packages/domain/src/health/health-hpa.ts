import type { K8sObject } from '../kinds/kind-definition.ts';
import type { ObservedObjects } from './observed-objects.ts';
import type { NodeHealth } from './health-state.ts';
import { condition, conditions, createdWithin, num, reasonMessage } from './object-fields.ts';

/**
 * A new HPA cannot read metrics until metrics-server has scraped its pods twice (about 30–60 s on
 * a real cluster), so "failed to get metrics" is expected at first: waiting, not broken.
 */
export const HPA_METRICS_GRACE_MS = 90_000;

const METRIC_REASONS = new Set(['FailedGetResourceMetric', 'FailedGetPodsMetric', 'FailedGetContainerResourceMetric']);

// autoscaling/v2 conditions. ScalingActive=False is a failure (FailedGetScale,
// FailedGetResourceMetric, InvalidSelector…) except ScalingDisabled: the target is scaled to 0
// on purpose and autoscaling waits for it. Healthy needs ScalingActive=True: an HPA that has not
// yet computed a replica count from metrics is not known to work.
export function hpaHealth(hpa: K8sObject, _observed?: ObservedObjects, now: Date = new Date(0)): NodeHealth {
  if (conditions(hpa).length === 0) return { state: 'partial', message: 'waiting for the first metrics' };
  const able = condition(hpa, 'AbleToScale');
  if (able?.status === 'False') return { state: 'error', message: reasonMessage(able.reason, able.message, 'AbleToScale is false') };
  const active = condition(hpa, 'ScalingActive');
  if (active?.status === 'False') {
    const message = reasonMessage(active.reason, active.message, 'ScalingActive is false');
    if (active.reason === 'ScalingDisabled') return { state: 'partial', message };
    // A missing resource request is a design error: no amount of waiting fixes it.
    const young = createdWithin(hpa, now, HPA_METRICS_GRACE_MS);
    if (young && METRIC_REASONS.has(active.reason ?? '') && !/missing request for/.test(active.message ?? ''))
      return { state: 'partial', message: `waiting for metrics (${message})` };
    return { state: 'error', message };
  }
  if (able?.status !== 'True' || active?.status !== 'True')
    return { state: 'partial', message: 'waiting for the autoscaler to read metrics' };
  const current = num(hpa, 'status', 'currentReplicas') ?? 0;
  const min = num(hpa, 'spec', 'minReplicas') ?? 1;
  const max = num(hpa, 'spec', 'maxReplicas') ?? min;
  return { state: 'healthy', message: `${current} replicas (min ${min}, max ${max})`, details: { current, min, max } };
}
