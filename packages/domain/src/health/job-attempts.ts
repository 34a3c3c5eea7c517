import type { K8sObject } from '../kinds/kind-definition.ts';
import { field, num, records, str, timeOf } from './object-fields.ts';

/** The Job controller's default spec.backoffLimit. */
const DEFAULT_BACKOFF_LIMIT = 6;

export type JobAttempts = {
  /** Failed attempts so far: failed pods, plus container restarts of running pods under OnFailure. */
  failures: number;
  /** backoffLimit + 1: the first run and its retries. */
  attempts: number;
  /** How the newest failed attempt ended ("OOMKilled", "failed with exit code 1"), when known. */
  last?: string;
};

/**
 * How many times a Job has tried, counted as its controller counts against backoffLimit: failed
 * pods (restartPolicy Never; `status.failed`, or the Failed pods seen if the status lags), plus
 * the restarts of its running pods' containers (OnFailure: the kubelet restarts them in place,
 * and the Job controller sums their restartCount).
 */
export function jobAttempts(job: K8sObject, pods: readonly K8sObject[]): JobAttempts {
  const backoffLimit = num(job, 'spec', 'backoffLimit') ?? DEFAULT_BACKOFF_LIMIT;
  const failedPods = pods.filter((pod) => str(pod, 'status', 'phase') === 'Failed');
  const running = pods.filter((pod) => !['Failed', 'Succeeded'].includes(str(pod, 'status', 'phase') ?? ''));
  const restarts = running.flatMap(statuses).reduce((sum, s) => sum + (num(s, 'restartCount') ?? 0), 0);
  const failures = Math.max(num(job, 'status', 'failed') ?? 0, failedPods.length) + restarts;

  // The newest termination among failed pods' containers and running pods' previous containers.
  let newest: { at: number; text: string } | undefined;
  const consider = (at: number, text: string | undefined) => {
    if (text !== undefined && (newest === undefined || at >= newest.at)) newest = { at, text };
  };
  for (const pod of failedPods) {
    const ended = statuses(pod).map((s) => field(s, 'state', 'terminated')).find((t) => num(t, 'exitCode') !== 0 && t !== undefined);
    const at = timeOf(str(ended, 'finishedAt')) ?? timeOf(str(pod, 'metadata', 'creationTimestamp')) ?? 0;
    consider(at, describeEnd(ended) ?? str(pod, 'status', 'reason') ?? 'failed');
  }
  for (const pod of running) {
    for (const s of statuses(pod)) {
      if ((num(s, 'restartCount') ?? 0) === 0) continue;
      const ended = field(s, 'lastState', 'terminated');
      consider(timeOf(str(ended, 'finishedAt')) ?? 0, describeEnd(ended) ?? 'failed');
    }
  }
  return { failures, attempts: backoffLimit + 1, ...(newest ? { last: newest.text } : {}) };
}

/** "attempt 2 of 7: last pod OOMKilled" */
export function attemptMessage({ failures, attempts, last }: JobAttempts): string {
  return `attempt ${Math.min(failures + 1, attempts)} of ${attempts}${last ? `: last pod ${last}` : ''}`;
}

function statuses(pod: K8sObject): Record<string, unknown>[] {
  return [...records(pod, 'status', 'initContainerStatuses'), ...records(pod, 'status', 'containerStatuses')];
}

function describeEnd(terminated: unknown): string | undefined {
  if (terminated === undefined) return undefined;
  const reason = str(terminated, 'reason');
  if (reason === 'OOMKilled' || reason === 'DeadlineExceeded') return reason;
  const exitCode = num(terminated, 'exitCode');
  return exitCode === undefined ? undefined : `failed with exit code ${exitCode}`;
}
