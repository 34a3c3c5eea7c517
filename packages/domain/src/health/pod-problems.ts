import type { K8sObject } from '../kinds/kind-definition.ts';
import { condition, field, isTerminating, objectName, oneLine, records, str, timeOf } from './object-fields.ts';
import type { NodeHealth } from './health-state.ts';

/**
 * Pod reasons that do not go away by waiting: a workload turns red at once instead of after the
 * 10-minute progress deadline. Listed most specific first: when several pods fail, the first
 * reason in this order is the one shown (an OOMKilled container also reports CrashLoopBackOff,
 * and ErrImagePull carries the registry's answer that ImagePullBackOff only repeats).
 */
export const FATAL_POD_REASONS = [
  'InvalidImageName',
  'ErrImagePull',
  'ImagePullBackOff',
  'CreateContainerConfigError',
  'OOMKilled',
  'CrashLoopBackOff',
  'Unschedulable',
] as const;

export type FatalPodReason = (typeof FATAL_POD_REASONS)[number];

/** How long a pod may stay unschedulable before it counts: the scheduler often just waits for a node to scale up or a PVC to bind. */
export const UNSCHEDULABLE_GRACE_MS = 30_000;

export type PodProblem = { reason: FatalPodReason; message: string; pod: string; container?: string };

const WAITING_REASONS = new Set<string>(['InvalidImageName', 'ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError', 'CrashLoopBackOff']);

/** Every fatal problem of the live (not terminating) pods, most specific first, then by pod and container name. */
export function podProblems(pods: readonly K8sObject[] | undefined, now: Date): PodProblem[] {
  const found: PodProblem[] = [];
  for (const pod of pods ?? []) {
    if (isTerminating(pod)) continue;
    const podName = objectName(pod);
    for (const status of [...records(pod, 'status', 'initContainerStatuses'), ...records(pod, 'status', 'containerStatuses')]) {
      const container = str(status, 'name') ?? '';
      const waitingReason = str(status, 'state', 'waiting', 'reason');
      if (waitingReason !== undefined && WAITING_REASONS.has(waitingReason)) {
        const message = str(status, 'state', 'waiting', 'message');
        found.push({ reason: waitingReason as FatalPodReason, message: message ? `${waitingReason}: ${oneLine(message)}` : waitingReason, pod: podName, container });
      }
      if (str(status, 'state', 'terminated', 'reason') === 'OOMKilled' || str(status, 'lastState', 'terminated', 'reason') === 'OOMKilled') {
        found.push({ reason: 'OOMKilled', message: `OOMKilled: container "${container}" ran out of memory`, pod: podName, container });
      }
    }
    const unschedulable = unschedulableSince(pod);
    if (unschedulable !== undefined && now.getTime() - unschedulable.since >= UNSCHEDULABLE_GRACE_MS) {
      found.push({ reason: 'Unschedulable', message: unschedulable.message, pod: podName });
    }
  }
  const rank = (p: PodProblem) => FATAL_POD_REASONS.indexOf(p.reason);
  return found.sort((a, b) => rank(a) - rank(b) || compare(a.pod, b.pod) || compare(a.container ?? '', b.container ?? ''));
}

/** The most specific fatal problem, if any pod has one. */
export function fatalPodProblem(pods: readonly K8sObject[] | undefined, now: Date): PodProblem | undefined {
  return podProblems(pods, now)[0];
}

/** When a pod became unschedulable (PodScheduled=False, reason Unschedulable) and the scheduler's reason. */
export function unschedulableSince(pod: K8sObject): { since: number; message: string } | undefined {
  const scheduled = condition(pod, 'PodScheduled');
  if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable') return undefined;
  // Without a transition time fall back to the pod's age; without either, the grace is over.
  const since = timeOf(scheduled.lastTransitionTime) ?? timeOf(str(field(pod, 'metadata'), 'creationTimestamp')) ?? 0;
  return { since, message: scheduled.message ? `Unschedulable: ${oneLine(scheduled.message)}` : 'Unschedulable' };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A workload's red state when one of its pods has a fatal problem. */
export function fatalPodHealth(pods: readonly K8sObject[] | undefined, now: Date): NodeHealth | undefined {
  const problem = fatalPodProblem(pods, now);
  if (!problem) return undefined;
  const { message, ...details } = problem;
  return { state: 'error', message, details };
}
