import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeHealth } from './health-state.ts';
import { attemptMessage, jobAttempts } from './job-attempts.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { condition, conditions, field, num, reasonMessage } from './object-fields.ts';
import { fatalPodHealth, RETRIED_POD_REASONS } from './pod-problems.ts';

export type JobOutcome = { finished: false } | { finished: true; failed: boolean; message: string };

/**
 * A Job is finished once it has a true Complete or Failed condition. FailureTarget and
 * SuccessCriteriaMet (Kubernetes ≥ 1.31) come first while the last pods terminate: the outcome is
 * already decided.
 */
export function jobOutcome(job: K8sObject): JobOutcome {
  const active = conditions(job).filter((c) => c.status === 'True');
  const failed = active.find((c) => c.type === 'Failed' || c.type === 'FailureTarget');
  if (failed) return { finished: true, failed: true, message: reasonMessage(failed.reason, failed.message, 'Failed') };
  const done = active.find((c) => c.type === 'Complete' || c.type === 'SuccessCriteriaMet');
  if (done) return { finished: true, failed: false, message: `completed (${completions(job)})` };
  return { finished: false };
}

/** kstatus (pkg/kstatus/status/core.go, jobConditions): a suspended Job is not in progress; it is on hold on purpose. */
export function jobSuspended(job: K8sObject): boolean {
  return field(job, 'spec', 'suspend') === true || condition(job, 'Suspended')?.status === 'True';
}

/**
 * Red only when the Job's own Failed condition says so (it has used up its backoffLimit, or its
 * pod failure policy failed it), or for pod problems that never count as attempts (a bad image,
 * a missing ConfigMap, unschedulable past the grace). A crashed or OOM-killed pod is the Job
 * retrying: yellow, with the attempt ("attempt 2 of 7: last pod OOMKilled").
 */
export function jobHealth(job: K8sObject, observed: ObservedObjects, now: Date): NodeHealth {
  const outcome = jobOutcome(job);
  if (outcome.finished) return { state: outcome.failed ? 'error' : 'healthy', message: outcome.message };
  if (jobSuspended(job)) return { state: 'healthy', message: `suspended (${completions(job)} completions)` };
  const stuck = fatalPodHealth(observed.pods, now, RETRIED_POD_REASONS, observed.configs);
  if (stuck) return stuck;
  return jobProgress(job, observed.pods ?? []);
}

/** A running Job: its attempt when a pod has failed, else its completions. */
export function jobProgress(job: K8sObject, pods: readonly K8sObject[]): NodeHealth {
  const tries = jobAttempts(job, pods);
  const done = completions(job);
  if (tries.failures === 0) return { state: 'partial', message: `${done} completions` };
  const several = (num(job, 'spec', 'completions') ?? 1) > 1;
  return {
    state: 'partial',
    message: `${attemptMessage(tries)}${several ? ` (${done} completions)` : ''}`,
    details: { attempt: Math.min(tries.failures + 1, tries.attempts), attempts: tries.attempts },
  };
}

function completions(job: K8sObject): string {
  // Succeeded pods the controller has seen but not yet counted (their tracking finalizer is being
  // removed) are listed under uncountedTerminatedPods: SuccessCriteriaMet can come first.
  const uncounted = field(job, 'status', 'uncountedTerminatedPods', 'succeeded');
  const succeeded = (num(job, 'status', 'succeeded') ?? 0) + (Array.isArray(uncounted) ? uncounted.length : 0);
  // Without spec.completions the Job is done when one pod succeeds.
  return `${succeeded}/${num(job, 'spec', 'completions') ?? 1}`;
}
