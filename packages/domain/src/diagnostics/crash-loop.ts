import { num, oneLine, str } from '../health/object-fields.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import type { Evidence, Finding } from './finding.ts';
import { byContainer, containerStatuses, podList } from './pod-statuses.ts';

/** What an exit code usually means (128 + n is signal n). */
export const EXIT_CODE_HINTS: Readonly<Record<number, string>> = {
  0: 'the process exits successfully, but a long-running workload must keep running',
  1: 'the application exited with an error; see its last log lines',
  2: 'the command was misused (bad arguments or shell syntax)',
  126: 'the command is not executable',
  127: 'the command was not found in the image',
  134: 'the process aborted (SIGABRT)',
  137: 'the process was killed (SIGKILL), often by a failing liveness probe',
  139: 'the process crashed with a segmentation fault',
  143: 'the process was asked to stop (SIGTERM), often by a failing liveness probe',
};

const LOG_LINES = 10;

/** Containers in CrashLoopBackOff; OOMKilled ones are left to detectOomKilled. */
export function detectCrashLoop({ observed }: DiagnosticInput): Finding[] {
  const crashing = containerStatuses(observed.pods).filter(
    (s) => str(s.status, 'state', 'waiting', 'reason') === 'CrashLoopBackOff' && str(s.status, 'lastState', 'terminated', 'reason') !== 'OOMKilled',
  );
  const findings: Finding[] = [];
  for (const [container, statuses] of byContainer(crashing)) {
    const first = statuses[0];
    const exitCode = num(first?.status, 'lastState', 'terminated', 'exitCode');
    const reason = str(first?.status, 'lastState', 'terminated', 'reason');
    const restarts = Math.max(...statuses.map((s) => num(s.status, 'restartCount') ?? 0));
    const exit = exitCode === undefined ? 'unknown exit code' : `exit code ${exitCode}${reason ? ` (${reason})` : ''}`;
    const hint = exitCode === undefined ? undefined : EXIT_CODE_HINTS[exitCode];
    const evidence: Evidence[] = statuses.slice(0, 3).flatMap((s) => {
      const termination = str(s.status, 'lastState', 'terminated', 'message');
      const logs = observed.logs?.[`${s.podName}/${container}`] ?? [];
      return [
        { kind: 'status' as const, text: `pod ${s.podName}: CrashLoopBackOff, ${exit}, ${num(s.status, 'restartCount') ?? 0} restarts` },
        ...(termination ? [{ kind: 'status' as const, text: `termination message: ${oneLine(termination)}` }] : []),
        ...(logs.length > 0 ? [{ kind: 'log' as const, text: logs.slice(-LOG_LINES).join('\n') }] : []),
      ];
    });
    findings.push({
      id: `crash-loop:${container}`,
      type: 'crash-loop',
      severity: 'error',
      message: `Container "${container}" keeps crashing: ${exit}, ${restarts} restarts${hint ? `; ${hint}` : ''} (${podList(statuses.map((s) => s.podName))})`,
      evidence,
    });
  }
  return findings;
}
