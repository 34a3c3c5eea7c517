import type { K8sObject } from '../kinds/kind-definition.ts';
import { redIn } from './grace.ts';
import type { NodeHealth } from './health-state.ts';
import { condition, field, isRecord, isTerminating, num, objectName, oneLine, records, str, timeOf } from './object-fields.ts';

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

/**
 * How long after a missing ConfigMap or Secret (or key) appears its pods may still report
 * CreateContainerConfigError: the kubelet retries on its next sync of the pod. A run that has
 * just created the config must not fail on the error the pod reported before.
 */
export const CONFIG_RETRY_GRACE_MS = 60_000;

/**
 * `grace`: the problem is in a grace period until `redAt` (ms since epoch), waiting for
 * `unless`; without it, it is fatal now.
 */
export type PodProblem = {
  reason: FatalPodReason;
  message: string;
  pod: string;
  container?: string;
  exitCode?: number;
  grace?: { redAt: number; unless: string; note?: string };
};

const WAITING_REASONS = new Set<string>(['InvalidImageName', 'ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError']);

/**
 * Every problem of the live (not terminating) pods, those in a grace period included, most
 * specific first, then by pod and container name (so the one shown is stable from one
 * observation to the next).
 */
export function podProblems(pods: readonly K8sObject[] | undefined, now: Date, configs?: readonly K8sObject[]): PodProblem[] {
  const found: PodProblem[] = [];
  for (const pod of pods ?? []) {
    if (isTerminating(pod)) continue;
    const podName = objectName(pod);
    for (const status of [...records(pod, 'status', 'initContainerStatuses'), ...records(pod, 'status', 'containerStatuses')]) {
      const container = str(status, 'name') ?? '';
      const waitingReason = str(status, 'state', 'waiting', 'reason');
      if (waitingReason !== undefined && WAITING_REASONS.has(waitingReason)) {
        const message = str(status, 'state', 'waiting', 'message');
        const appeared = waitingReason === 'CreateContainerConfigError' ? configAppearedAt(message, configs) : undefined;
        const redAt = appeared === undefined ? undefined : appeared + CONFIG_RETRY_GRACE_MS;
        found.push({
          reason: waitingReason as FatalPodReason,
          message: message ? `${waitingReason}: ${oneLine(message)}` : waitingReason,
          pod: podName,
          container,
          ...(redAt !== undefined && redAt > now.getTime() ? { grace: { redAt, unless: 'the container starts', note: 'it exists now' } } : {}),
        });
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
      found.push({ reason: 'Unschedulable', message: unschedulable.message, pod: podName, ...(redAt > now.getTime() ? { grace: { redAt, unless: 'scheduled' } } : {}) });
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
  return podProblems(pods, now).find((p) => p.grace === undefined);
}

const MISSING_OBJECT = /\b(configmap|secret) "([^"]+)" not found/i;
const MISSING_KEY = /couldn't find key (\S+) in (ConfigMap|Secret) [^/\s]+\/([^\s"]+)/;

/**
 * When the ConfigMap/Secret (or key) a CreateContainerConfigError names appeared, if it now
 * exists among `configs`: its last write (creation, or the newest managedFields entry). Undefined
 * when it is still missing or the configs were not observed.
 */
function configAppearedAt(message: string | undefined, configs: readonly K8sObject[] | undefined): number | undefined {
  if (!message || !configs) return undefined;
  const key = MISSING_KEY.exec(message);
  const object = key ? undefined : MISSING_OBJECT.exec(message);
  const kind = (key?.[2] ?? object?.[1] ?? '').toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
  const name = key?.[3] ?? object?.[2];
  const found = configs.find((c) => c.kind === kind && objectName(c) === name);
  if (!found || (key && !hasKey(found, key[1] ?? ''))) return undefined;
  const writes = [str(found, 'metadata', 'creationTimestamp'), ...records(found, 'metadata', 'managedFields').map((m) => str(m, 'time'))];
  return Math.max(0, ...writes.map((w) => timeOf(w) ?? 0));
}

function hasKey(config: K8sObject, key: string): boolean {
  return [field(config, 'data'), field(config, 'binaryData'), field(config, 'stringData')].some((d) => isRecord(d) && key in d);
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
 * cause and when it turns red for one in its grace period (an Unschedulable pod; a config error
 * whose ConfigMap/Secret, among `configs`, exists now); undefined when no pod has a problem.
 * `ignore`: reasons the caller judges itself (a Job's retries).
 */
export function fatalPodHealth(
  pods: readonly K8sObject[] | undefined,
  now: Date,
  ignore: ReadonlySet<FatalPodReason> = new Set(),
  configs?: readonly K8sObject[],
): NodeHealth | undefined {
  const problems = podProblems(pods, now, configs).filter((p) => !ignore.has(p.reason));
  const fatal = problems.find((p) => p.grace === undefined);
  if (fatal) return { state: 'error', message: fatal.message, details: problemDetails(fatal) };
  const pending = problems[0];
  if (!pending?.grace) return undefined;
  return { state: 'partial', message: `${pending.message} (${pending.grace.note ? `${pending.grace.note}: ` : ''}${redIn(pending.grace.redAt, now, pending.grace.unless)})`, details: problemDetails(pending) };
}

function problemDetails({ message: _message, grace: _grace, ...details }: PodProblem): Record<string, unknown> {
  return details;
}
