import { describe, expect, it } from 'vitest';
import { assertDiagnosis, graphWith, type Expected } from './testdata/fixtures.ts';

const graph = graphWith();

const cases: [string, string[], Expected[]][] = [
  ['exit code 1 with log lines', ['pod-crashloop', 'logs-web-crash'], [['crash-loop', 'error', /^Container "web" keeps crashing: exit code 1 \(Error\), 5 restarts; the application exited with an error/]]],
  ['command not found at start', ['pod-crashloop-exit-127'], [['crash-loop', 'error', /exit code 128 \(StartError\), 4 restarts \(web-7f6d5c4b3-cmd01\)$/]]],
  ['OOMKilled is left to the OOM detector', ['pod-oomkilled'], [['oom-killed', 'error', /^Container "web" was killed/, 'raise-memory-limit:web']]],
  ['terminating pods are ignored', ['pod-terminating-crashloop'], []],
];

describe('detectCrashLoop', () => {
  it.each(cases)('%s', (_, fixtures, expected) => {
    assertDiagnosis(graph, 'dep-1', fixtures, expected);
  });

  it('shows the exit, the termination message and the last log lines as evidence', () => {
    const [withLogs] = assertDiagnosis(graph, 'dep-1', ['pod-crashloop', 'logs-web-crash'], [['crash-loop', 'error', /./]]);
    expect(withLogs?.evidence).toEqual([
      { kind: 'status', text: 'pod web-7f6d5c4b3-crash: CrashLoopBackOff, exit code 1 (Error), 5 restarts' },
      { kind: 'log', text: expect.stringMatching(/starting shop 1\.4\.2\n.*\n.*fatal: DATABASE_URL is not set$/) },
    ]);
    const [startError] = assertDiagnosis(graph, 'dep-1', ['pod-crashloop-exit-127'], [['crash-loop', 'error', /./]]);
    expect(startError?.evidence[1]).toEqual({ kind: 'status', text: expect.stringContaining('executable file not found in $PATH') });
  });
});
