import type { K8sObject } from '../kinds/kind-definition.ts';
import { redIn } from './grace.ts';
import type { ObservedObjects } from './observed-objects.ts';
import type { NodeHealth } from './health-state.ts';
import { condition, conditions, isTerminating, num, reasonMessage, str, timeOf } from './object-fields.ts';

/**
 * The metrics window: metrics-server reports a pod once it has scraped it twice (30–60 s on a
 * real cluster). Until then "failed to get metrics" is expected, for a new HPA as for its
 * target's new pods after a rollout: waiting, not broken.
 */
export const HPA_METRICS_GRACE_MS = 90_000;

const METRIC_REASONS = new Set(['FailedGetResourceMetric', 'FailedGetPodsMetric', 'FailedGetContainerResourceMetric']);

/**
 * autoscaling/v2 conditions, with gitops-engine's reading (pkg/health/health_hpa.go) made
 * time-aware. AbleToScale=False is red (FailedGetScale, FailedUpdateScale). ScalingActive=False
 * is red (FailedGetResourceMetric, InvalidSelector…) except: ScalingDisabled, the target scaled
 * to 0 on purpose (green: autoscaling resumes when it is scaled up), and a metrics failure within
 * the metrics window of the HPA or of the target's newest pods (`observed.pods`: right after a
 * rollout the HPA cannot read the new pods for 30–60 s; that must not fail the run that rolled
 * them out). Healthy needs ScalingActive=True: an HPA that has not yet computed a replica count
 * from metrics is not known to work.
 */
export function hpaHealth(hpa: K8sObject, observed: ObservedObjects = { main: [] }, now: Date = new Date(0)): NodeHealth {
  if (conditions(hpa).length === 0) return { state: 'partial', message: 'waiting for the autoscaler to report its first conditions' };
  const able = condition(hpa, 'AbleToScale');
  if (able?.status === 'False') return { state: 'error', message: reasonMessage(able.reason, able.message, 'AbleToScale is false') };
  const active = condition(hpa, 'ScalingActive');
  if (active?.status === 'False') {
    const message = reasonMessage(active.reason, active.message, 'ScalingActive is false');
    if (active.reason === 'ScalingDisabled') return { state: 'healthy', message };
    // A missing resource request is a design error: no amount of waiting fixes it.
    if (METRIC_REASONS.has(active.reason ?? '') && !/missing request for/.test(active.message ?? '')) {
      const window = metricsWindow(hpa, observed.pods, now);
      if (window) return { state: 'partial', message: `waiting for metrics of ${window.of} (${message}; ${redIn(window.redAt, now, 'metrics arrive')})` };
    }
    return { state: 'error', message };
  }
  if (able === undefined) return { state: 'partial', message: "no AbleToScale condition yet: waiting for the autoscaler to read the target's scale" };
  if (able.status !== 'True') return { state: 'partial', message: `AbleToScale is ${able.status}: ${reasonMessage(able.reason, able.message, 'no reason given')}` };
  if (active?.status !== 'True') return { state: 'partial', message: 'waiting for the autoscaler to read metrics' };
  const current = num(hpa, 'status', 'currentReplicas') ?? 0;
  const min = num(hpa, 'spec', 'minReplicas') ?? 1;
  const max = num(hpa, 'spec', 'maxReplicas') ?? min;
  return { state: 'healthy', message: `${current} replicas (min ${min}, max ${max})`, details: { current, min, max } };
}

/** The latest end of a metrics window still open: the HPA's own, or its target's newest live pod's. */
function metricsWindow(hpa: K8sObject, pods: readonly K8sObject[] | undefined, now: Date): { of: string; redAt: number } | undefined {
  const created = (timeOf(str(hpa, 'metadata', 'creationTimestamp')) ?? 0) + HPA_METRICS_GRACE_MS;
  const started = (pods ?? [])
    .filter((pod) => !isTerminating(pod))
    .map((pod) => (timeOf(str(pod, 'status', 'startTime')) ?? timeOf(str(pod, 'metadata', 'creationTimestamp')) ?? 0) + HPA_METRICS_GRACE_MS);
  const newestPod = Math.max(0, ...started);
  const redAt = Math.max(created, newestPod);
  if (redAt <= now.getTime()) return undefined;
  return { of: newestPod >= created ? "its target's new pods" : 'a new autoscaler', redAt };
}
