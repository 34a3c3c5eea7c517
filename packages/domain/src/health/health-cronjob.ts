import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeHealth } from './health-state.ts';
import { jobOutcome, jobProgress } from './health-job.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { field, objectName, records, str, timeOf } from './object-fields.ts';
import { fatalPodHealth, RETRIED_POD_REASONS } from './pod-problems.ts';

// A CronJob is judged by its last finished run; a run in progress keeps it green unless its pods
// can never start (red) or it is retrying after a failed attempt (yellow, as a Job).
export function cronjobHealth(cronJob: K8sObject, observed: ObservedObjects, now: Date): NodeHealth {
  if (field(cronJob, 'spec', 'suspend') === true) return { state: 'healthy', message: 'suspended' };

  const jobs = newestFirst(observed.jobs ?? []);
  const running = jobs.filter((job) => !jobOutcome(job).finished);
  const runningNames = new Set(running.map(objectName));
  // Pods of finished Jobs stay around as history; only the running ones can still go wrong.
  const livePods = observed.pods?.filter((pod) => ownerJob(pod) === undefined || runningNames.has(ownerJob(pod) ?? ''));
  const stuck = fatalPodHealth(livePods, now, RETRIED_POD_REASONS, observed.configs);
  if (stuck?.state === 'error') return stuck;

  const lastFinished = jobs.find((job) => jobOutcome(job).finished);
  const outcome = lastFinished && jobOutcome(lastFinished);
  if (lastFinished && outcome?.finished && outcome.failed) {
    return { state: 'error', message: `last run ${objectName(lastFinished)} failed: ${outcome.message}`, details: { job: objectName(lastFinished) } };
  }
  if (stuck) return stuck;
  const first = running[0];
  if (first) {
    const progress = jobProgress(first, (observed.pods ?? []).filter((pod) => ownerJob(pod) === objectName(first)));
    if (progress.details?.attempt !== undefined) {
      return { state: 'partial', message: `run ${objectName(first)}: ${progress.message}`, details: { job: objectName(first), ...progress.details } };
    }
  }
  if (lastFinished) return { state: 'healthy', message: `last run ${objectName(lastFinished)} succeeded`, details: { job: objectName(lastFinished) } };
  if (first) return { state: 'healthy', message: `run ${objectName(first)} in progress`, details: { job: objectName(first) } };

  // The Jobs may have been cleaned up by the history limits; the status still has the times.
  const lastSuccess = str(cronJob, 'status', 'lastSuccessfulTime');
  if (lastSuccess) return { state: 'healthy', message: `last run succeeded at ${lastSuccess}` };
  const lastSchedule = str(cronJob, 'status', 'lastScheduleTime');
  if (lastSchedule) return { state: 'healthy', message: `last scheduled at ${lastSchedule}` };
  return { state: 'healthy', message: 'waiting for schedule' };
}

/** Newest first by creation time, then by name (a CronJob's Job names grow with the scheduled time). */
function newestFirst(jobs: readonly K8sObject[]): K8sObject[] {
  const created = (job: K8sObject) => timeOf(str(job, 'metadata', 'creationTimestamp')) ?? 0;
  return [...jobs].sort((a, b) => created(b) - created(a) || (objectName(a) < objectName(b) ? 1 : objectName(a) > objectName(b) ? -1 : 0));
}

function ownerJob(pod: K8sObject): string | undefined {
  const owner = records(pod, 'metadata', 'ownerReferences').find((ref) => ref.kind === 'Job');
  return str(owner, 'name') ?? str(pod, 'metadata', 'labels', 'batch.kubernetes.io/job-name') ?? str(pod, 'metadata', 'labels', 'job-name');
}
