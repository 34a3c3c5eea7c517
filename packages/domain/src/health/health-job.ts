import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeHealth } from './health-state.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { conditions, num, reasonMessage } from './object-fields.ts';
import { fatalPodHealth } from './pod-problems.ts';

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

export function jobHealth(job: K8sObject, observed: ObservedObjects, now: Date): NodeHealth {
  const outcome = jobOutcome(job);
  if (outcome.finished) return { state: outcome.failed ? 'error' : 'healthy', message: outcome.message };
  // Beyond SPEC §8's "else yellow": a pod that can never start (bad image, missing ConfigMap) does
  // not count against backoffLimit, so the Job would stay yellow until a run times out.
  const fatal = fatalPodHealth(observed.pods, now);
  if (fatal) return fatal;
  return { state: 'partial', message: `${completions(job)} completions` };
}

function completions(job: K8sObject): string {
  // Without spec.completions the Job is done when one pod succeeds.
  return `${num(job, 'status', 'succeeded') ?? 0}/${num(job, 'spec', 'completions') ?? 1}`;
}
