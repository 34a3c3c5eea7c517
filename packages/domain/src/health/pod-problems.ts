import type { K8sObject } from '../kinds/kind-definition.ts';
import { redIn } from './grace.ts';
import type { NodeHealth } from './health-state.ts';
import { condition, field, isTerminating, num, objectName, oneLine, records, str, timeOf } from './object-fields.ts';

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

/**
 * The reasons a Job counts as a failed attempt and retries within its backoffLimit (a crashed or
 * OOM-killed container). The others never count as attempts: a pod that cannot pull its image or
 * find its ConfigMap, or is never scheduled, would keep a Job yellow until a run timed out.
 */
export const RETRIED_POD_REASONS: ReadonlySet<FatalPodReason> = new Set<FatalPodReason>(['OOMKilled', 'CrashLoopBackOff']);

/** How long a pod may stay unschedulable before it counts: the scheduler often just waits for a node to scale up or a PVC to bind. */
export const UNSCHEDULABLE_GRACE_MS = 30_000;

/** `redAt`: the problem is in its grace period until then (ms since epoch); without it, it is fatal now. */
export type PodProblem = { reason: FatalPodReason; message: string; pod: string; container?: string; exitCode?: number; redAt?: number };

const WAITING_REASONS = new Set<string>(['InvalidImageName', 'ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError']);

/**
 * Every problem of the live (not terminating) pods, those in a grace period included, most
 * specific first, then by pod and container name (so the one shown is stable from one
 * observation to the next).
 */
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
        found.push({ reason: 'OOMKilled', message: `OOMKilled: container "${container}" ran out of memory`, pod: podName, container, exitCode: 137 });
      }
      const crash = crashLoop(pod, status);
      if (crash) found.push({ reason: 'CrashLoopBackOff', message: crash.message, pod: podName, container, ...(crash.exitCode === undefined ? {} : { exitCode: crash.exitCode }) });
    }
    const unschedulable = unschedulableSince(pod);
    if (unschedulable !== undefined) {
      const redAt = unschedulable.since + UNSCHEDULABLE_GRACE_MS;
      found.push({ reason: 'Unschedulable', message: unschedulable.message, pod: podName, ...(redAt > now.getTime() ? { redAt } : {}) });
    }
  }
  const rank = (p: PodProblem) => FATAL_POD_REASONS.indexOf(p.reason);
  return found.sort((a, b) => rank(a) - rank(b) || compare(a.pod, b.pod) || compare(a.container ?? '', b.container ?? ''));
}

/**
 * Why a container is crash-looping, or undefined. CrashLoopBackOff is what the kubelet says
 * while it waits to restart; between two waits the same container is `running` (for a moment,
 * not ready) or `terminated: Error`. Reading only the waiting reason made a crash-looping node
 * flip red → yellow → red on every kubelet cycle, with a status write and an event each time and
 * the yellow hiding the cause. So, as gitops-engine's pod health does for restartPolicy Always
 * (pkg/health/health_pod.go: a running pod that is not ready and has a last termination is
 * Degraded), a not-ready container of an always-restarting pod that has restarted and last
 * ended with a non-zero exit code is crash-looping whatever its state this instant. The cause
 * is built from parts that do not change between cycles (not the kubelet's growing back-off
 * delay, not the restart count), so the monitor writes it once.
 */
export function crashLoop(pod: K8sObject, status: Record<string, unknown>): { message: string; exitCode?: number } | undefined {
  const container = str(status, 'name') ?? '';
  const waiting = str(status, 'state', 'waiting', 'reason') === 'CrashLoopBackOff';
  const terminated = field(status, 'state', 'terminated') ?? field(status, 'lastState', 'terminated');
  const exitCode = num(terminated, 'exitCode');
  const alwaysRestarts = (str(pod, 'spec', 'restartPolicy') ?? 'Always') === 'Always';
  const looping = alwaysRestarts && field(status, 'ready') !== true && (num(status, 'restartCount') ?? 0) > 0 && exitCode !== undefined && exitCode !== 0;
  if (!waiting && !looping) return undefined;
  const reason = str(terminated, 'reason');
  const exit = exitCode === undefined ? '' : ` (exit code ${exitCode}${reason && reason !== 'Error' ? `, ${reason}` : ''})`;
  return { message: `CrashLoopBackOff: container "${container}" keeps crashing${exit}`, ...(exitCode === undefined ? {} : { exitCode }) };
}

/** The most specific problem that is fatal now (past any grace period), if any pod has one. */
export function fatalPodProblem(pods: readonly K8sObject[] | undefined, now: Date): PodProblem | undefined {
  return podProblems(pods, now).find((p) => p.redAt === undefined);
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

/**
 * A workload's state from its pods' problems: red for one that is fatal now; yellow naming the
 * cause and when it turns red for one in its grace period (an Unschedulable pod); undefined when
 * no pod has a problem. `ignore`: reasons the caller judges itself (a Job's retries).
 */
export function fatalPodHealth(pods: readonly K8sObject[] | undefined, now: Date, ignore: ReadonlySet<FatalPodReason> = new Set()): NodeHealth | undefined {
  const problems = podProblems(pods, now).filter((p) => !ignore.has(p.reason));
  const fatal = problems.find((p) => p.redAt === undefined);
  if (fatal) return { state: 'error', message: fatal.message, details: problemDetails(fatal) };
  const pending = problems[0];
  if (!pending?.redAt) return undefined;
  return { state: 'partial', message: `${pending.message} (${redIn(pending.redAt, now, 'scheduled')})`, details: problemDetails(pending) };
}

function problemDetails({ message: _message, redAt: _redAt, ...details }: PodProblem): Record<string, unknown> {
  return details;
}
