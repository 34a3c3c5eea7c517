import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { recomputeLinks } from '../links/recompute-links.ts';
import { diagnoseNode } from './diagnose-node.ts';
import { assertDiagnosis, graphWith, NOW, observedFrom, type Expected } from './testdata/fixtures.ts';

const graph = graphWith();
const secretUnlinked = recomputeLinks({ ...graph, edges: graph.edges.filter((e) => e.id !== 'e-sec-dep') });
const nothingHasIt = graphWith({ 'sec-1': (d) => ({ ...d, entries: [{ key: 'API_TOKEN' }] }) });
const probeOnWrongPort = graphWith({ 'dep-1': (d) => ({ ...d, probes: { liveness: { tcpSocket: { port: 9090 }, initialDelaySeconds: 10 } } }) });

const cases: [string, WorkflowGraph, string[], Expected[]][] = [
  ['exit code 1, no log lines', graph, ['pod-crashloop'], [['crash-loop', 'error', /^Container "web" keeps crashing: exit code 1 \(Error\), 5 restarts; the application exited with an error/]]],
  ['log names a variable a linked Secret provides: no fix, check its value', graph, ['pod-crashloop', 'logs-web-crash'], [['crash-loop', 'error', /; it reports DATABASE_URL missing, which Secret "web-secrets" provides: check its value/]]],
  ['log names a variable an unconnected Secret has: connect it', secretUnlinked, ['pod-crashloop', 'logs-web-crash'], [['crash-loop', 'error', /; it reports the environment variable DATABASE_URL missing/, 'connect-env-source:DATABASE_URL']]],
  ['log names a variable nothing has: add it', nothingHasIt, ['pod-crashloop', 'logs-web-crash'], [['crash-loop', 'error', /DATABASE_URL missing/, 'add-env:DATABASE_URL']]],
  ['between back-offs (running again, not ready)', graph, ['pod-crashloop-running-between-back-offs'], [['crash-loop', 'error', /^Container "web" keeps crashing: exit code 1 \(Error\), 6 restarts/]]],
  ['liveness probe on a port the container does not declare', probeOnWrongPort, ['pod-crashloop-liveness', 'event-liveness-failed'], [['crash-loop', 'error', /exit code 137 \(Error\), 3 restarts; its liveness probe checks port 9090, which the container does not declare/, 'set-liveness-port:dep-1']]],
  ['liveness probe failing on a declared port: named, no fix', graph, ['pod-crashloop-liveness', 'event-liveness-failed'], [['crash-loop', 'error', /; its liveness probe fails, so the kubelet kills it/]]],
  ['command not found at start', graph, ['pod-crashloop-exit-127'], [['crash-loop', 'error', /exit code 128 \(StartError\), 4 restarts \(web-7f6d5c4b3-cmd01\)$/]]],
  ['OOMKilled is left to the OOM detector', graph, ['pod-oomkilled'], [['oom-killed', 'error', /^Container "web" was killed/, 'raise-memory-limit:web']]],
  ['terminating pods are ignored', graph, ['pod-terminating-crashloop'], []],
];

describe('detectCrashLoop', () => {
  it.each(cases)('%s', (_, g, fixtures, expected) => {
    assertDiagnosis(g, 'dep-1', fixtures, expected);
  });

  it('fixes: the liveness probe port, connecting the Secret that has the variable, or adding it', () => {
    const [probe] = assertDiagnosis(probeOnWrongPort, 'dep-1', ['pod-crashloop-liveness', 'event-liveness-failed'], [['crash-loop', 'error', /./, 'set-liveness-port:dep-1']]);
    expect(probe?.fix?.patch).toEqual({ op: 'set', nodeId: 'dep-1', set: [{ path: ['probes', 'liveness', 'tcpSocket', 'port'], value: 8080 }] });
    expect(probe?.evidence).toContainEqual({ kind: 'event', text: 'Unhealthy: Liveness probe failed: dial tcp 10.244.1.7:9090: connect: connection refused' });
    const [connect] = assertDiagnosis(secretUnlinked, 'dep-1', ['pod-crashloop', 'logs-web-crash'], [['crash-loop', 'error', /./, 'connect-env-source:DATABASE_URL']]);
    expect(connect?.fix?.patch).toEqual({ op: 'connect', edges: [{ id: 'fix-sec-1-dep-1', source: 'sec-1', target: 'dep-1' }] });
    const [add] = assertDiagnosis(nothingHasIt, 'dep-1', ['pod-crashloop', 'logs-web-crash'], [['crash-loop', 'error', /./, 'add-env:DATABASE_URL']]);
    expect(add?.fix?.patch).toEqual({ op: 'set', nodeId: 'dep-1', set: [{ path: ['env', 1], value: { name: 'DATABASE_URL', value: '' } }] });
  });

  it.each([
    ['fatal: DATABASE_URL is not set', 'DATABASE_URL'],
    ['Error: environment variable "REDIS_URL" is required', 'REDIS_URL'],
    ['missing required env var: STRIPE_KEY', 'STRIPE_KEY'],
    ["KeyError: 'SECRET_KEY'", 'SECRET_KEY'],
    ['panic: env API_TOKEN not set', 'API_TOKEN'],
  ])('reads the missing variable from "%s"', (line, name) => {
    const logs = { apiVersion: 'test.kubeorch.io/v1', kind: 'PodLogs', metadata: { name: 'web-7f6d5c4b3-crash/web' }, lines: [line] };
    const graphNoEnv = graphWith({ 'sec-1': (d) => ({ ...d, entries: [] }) });
    const node = graphNoEnv.nodes.find((n) => n.id === 'dep-1')!;
    const observed = observedFrom(graphNoEnv, 'dep-1', ['pod-crashloop']);
    observed.logs = { [logs.metadata.name]: logs.lines };
    const [finding] = diagnoseNode({ node, graph: graphNoEnv, observed, now: NOW });
    expect(finding?.fix?.id).toBe(`add-env:${name}`);
  });

  it('shows the exit, the termination message and the last log lines as evidence', () => {
    const [withLogs] = assertDiagnosis(graph, 'dep-1', ['pod-crashloop', 'logs-web-crash'], [['crash-loop', 'error', /./]]);
    expect(withLogs?.evidence).toEqual([
      { kind: 'status', text: 'pod web-7f6d5c4b3-crash: crash loop, exit code 1 (Error), 5 restarts' },
      { kind: 'log', text: expect.stringMatching(/starting shop 1\.4\.2\n.*\n.*fatal: DATABASE_URL is not set$/) },
    ]);
    const [startError] = assertDiagnosis(graph, 'dep-1', ['pod-crashloop-exit-127'], [['crash-loop', 'error', /./]]);
    expect(startError?.evidence[1]).toEqual({ kind: 'status', text: expect.stringContaining('executable file not found in $PATH') });
    expect(startError?.evidence.at(-1)).toEqual({ kind: 'status', text: 'command: serve' });
  });
});
