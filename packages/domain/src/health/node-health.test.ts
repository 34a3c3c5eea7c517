import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../kinds/kind-definition.ts';
import { genericHealth } from './health-generic.ts';
import type { HealthState, NodeHealth } from './health-state.ts';
import { nodeHealth } from './node-health.ts';
import { HEALTH_CASES, type HealthSubject } from './testdata/health-cases.ts';
import { healthFixtures, HEALTH_TESTDATA, loadObjects, NOW } from './testdata/fixtures.ts';

function healthOf(subject: HealthSubject, fixtures: readonly string[], now = NOW): NodeHealth {
  if (subject === 'generic') return genericHealth(fixtures.flatMap((name) => loadObjects(HEALTH_TESTDATA, name))[0] as K8sObject);
  return nodeHealth(subject, healthFixtures(subject, fixtures), now);
}

/** The one assertion of every case: the state, and the cause on one line. */
function assertHealth(subject: HealthSubject, _rule: string, fixtures: string[], state: HealthState, message: RegExp): void {
  const health = healthOf(subject, fixtures);
  expect(health.state).toBe(state);
  expect(health.message).toMatch(message);
  expect(health.message).not.toMatch(/\n/);
}

describe('nodeHealth', () => {
  it.each(HEALTH_CASES)('%s: %s %j → %s %s', assertHealth);

  it('reads a Service without observed pods or slices as routing (not looked at ≠ none found)', () => {
    const observed = healthFixtures('service', ['service-clusterip']);
    expect(nodeHealth('service', { main: observed.main }, NOW)).toEqual({ state: 'healthy', message: 'routing to its pods', details: { readyEndpoints: undefined, matchingPods: undefined } });
  });

  it('gives an unschedulable pod 30 s of grace from the condition’s transition, counting down in 5 s steps', () => {
    const observed = healthFixtures('deployment', ['deployment-progressing', 'pod-unschedulable-just-now']);
    expect(nodeHealth('deployment', observed, new Date('2025-06-01T12:00:04Z')).message).toMatch(/\(red in 20 s unless scheduled\)$/);
    expect(nodeHealth('deployment', observed, new Date('2025-06-01T12:00:05Z')).message).toMatch(/\(red in 15 s unless scheduled\)$/);
    expect(nodeHealth('deployment', observed, new Date('2025-06-01T12:00:19Z')).state).toBe('partial');
    expect(nodeHealth('deployment', observed, new Date('2025-06-01T12:00:20Z'))).toMatchObject({ state: 'error', message: 'Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.' });
  });

  it('reads a crash loop alike at every moment of a kubelet cycle (one status write, no yellow flicker)', () => {
    const moments = ['pod-crashloop', 'pod-crashloop-running-between-back-offs', 'pod-crashloop-terminated-between-back-offs'];
    const healths = moments.map((pod) => nodeHealth('deployment', healthFixtures('deployment', ['deployment-progressing', pod]), NOW));
    expect(healths[0]).toEqual({ state: 'error', message: 'CrashLoopBackOff: container "web" keeps crashing (exit code 1)', details: { reason: 'CrashLoopBackOff', pod: 'web-7f6d5c4b3-crash', container: 'web', exitCode: 1 } });
    expect(healths[1]).toEqual(healths[0]);
    expect(healths[2]).toEqual(healths[0]);
  });

  it('lets a Job retry: OOMKilled and crash loops are attempts, the attempt is in details', () => {
    const health = nodeHealth('job', healthFixtures('job', ['job-retrying', 'pod-job-first-attempt-oomkilled', 'pod-job-second-attempt-running']), NOW);
    expect(health).toEqual({ state: 'partial', message: 'attempt 2 of 7: last pod OOMKilled', details: { attempt: 2, attempts: 7 } });
  });

  it('HPA between rollouts: waits while the newest target pod is within the metrics window, then turns red', () => {
    const observed = healthFixtures('hpa', ['hpa-between-rollouts', 'pod-target-started-long-ago', 'pod-target-just-rolled-out']);
    expect(nodeHealth('hpa', observed, NOW).state).toBe('partial');
    expect(nodeHealth('hpa', observed, new Date('2025-06-01T12:01:09Z')).state).toBe('partial');
    expect(nodeHealth('hpa', observed, new Date('2025-06-01T12:01:10Z')).state).toBe('error');
  });

  it('uses genericHealth for a kind without a rule of its own', () => {
    const widget = loadObjects(HEALTH_TESTDATA, 'widget-stalled')[0]!;
    expect(genericHealth(widget)).toEqual({ state: 'error', message: 'Stalled: InvalidSpec: spec.size must be at least 1' });
  });

  it('never throws on malformed objects', () => {
    const junk = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: 'nope', status: { conditions: 'x', replicas: '3' } };
    expect(nodeHealth('deployment', { main: [junk], pods: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { containerStatuses: [null, 1] } }] }, NOW).state).toBe('partial');
    expect(genericHealth({ apiVersion: 'x.io/v1', kind: 'X', metadata: { name: 'x' }, status: { conditions: [1, null, { type: 'Ready' }], phase: 7 } }).state).toBe('healthy');
  });
});

// The README's table of rules is written from the cases, with the cause each one shows, so the
// two cannot drift apart. UPDATE_HEALTH_README=1 rewrites it; otherwise a stale table fails.
const README = new URL('./README.md', import.meta.url);
const START = '<!-- health-rules:start (generated by node-health.test.ts; UPDATE_HEALTH_README=1 to rewrite) -->';
const END = '<!-- health-rules:end -->';
const COLORS: Record<HealthState, string> = { healthy: 'green', partial: 'yellow', error: 'red', unknown: 'grey' };

function rulesTable(): string {
  const lines: string[] = [];
  let subject: HealthSubject | undefined;
  for (const [kind, rule, fixtures, state] of HEALTH_CASES) {
    if (kind !== subject) {
      subject = kind;
      lines.push('', `### ${kind === 'generic' ? 'generic (custom resources, kinds without a rule: `genericHealth`)' : kind}`, '', '| rule | state | cause shown | fixtures |', '| --- | --- | --- | --- |');
    }
    const cause = healthOf(kind, fixtures).message.replaceAll('|', '\\|');
    lines.push(`| ${rule} | ${COLORS[state]} | ${cause} | ${fixtures.map((f) => `\`${f}\``).join(' ') || '—'} |`);
  }
  return `${START}\n${lines.join('\n').trim()}\n${END}`;
}

describe('health README', () => {
  it('lists every rule with the cause it shows', () => {
    const text = readFileSync(README, 'utf8');
    const table = rulesTable();
    const start = text.indexOf(START.slice(0, 24));
    const end = text.indexOf(END);
    const current = start >= 0 && end > start ? text.slice(start, end + END.length) : '';
    if (process.env.UPDATE_HEALTH_README) {
      writeFileSync(README, current ? text.replace(current, table) : `${text.trimEnd()}\n\n${table}\n`);
      return;
    }
    expect(current).toBe(table);
  });
});
