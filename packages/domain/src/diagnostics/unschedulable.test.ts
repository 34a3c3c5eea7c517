import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { assertDiagnosis, graphWith, NOW, type Expected } from './testdata/fixtures.ts';

const huge = graphWith({ 'dep-1': (d) => ({ ...d, resources: { requests: { cpu: '250m', memory: '64Gi' } } }) });

const cases: [string, WorkflowGraph, string[], Expected[], Date?][] = [
  ['too big for every node: fix', huge, ['pod-unschedulable', 'event-failedscheduling', 'nodes-8gi'], [['unschedulable.insufficient-resources', 'error', /^No node can run web-7f6d5c4b3-sched: no node has enough free capacity .*\(0\/3 nodes are available: 3 Insufficient memory\./, 'lower-requests:dep-1']]],
  ['fits a node, cluster full: no fix', graphWith(), ['pod-unschedulable', 'nodes-8gi'], [['unschedulable.insufficient-resources', 'error', /Insufficient memory/]]],
  ['nodes not observed: no fix', huge, ['pod-unschedulable'], [['unschedulable.insufficient-resources', 'error', /Insufficient memory/]]],
  ['within the grace period: warning', graphWith(), ['pod-unschedulable-just-now'], [['unschedulable.insufficient-resources', 'warning', /Insufficient cpu/]]],
  ['node selector matches nothing', graphWith(), ['pod-unschedulable-node-selector'], [['unschedulable.node-selector', 'error', /no node matches its nodeSelector or affinity/]]],
  ['scheduled pods', graphWith(), ['pod-running'], []],
];

describe('detectUnschedulable', () => {
  it.each(cases)('%s', (_, graph, fixtures, expected, now = NOW) => {
    assertDiagnosis(graph, 'dep-1', fixtures, expected, now);
  });

  it('asks for half of the largest node and shows the scheduler’s event', () => {
    const [finding] = assertDiagnosis(huge, 'dep-1', ['pod-unschedulable', 'event-failedscheduling', 'nodes-8gi'], [['unschedulable.insufficient-resources', 'error', /./, 'lower-requests:dep-1']]);
    expect(finding?.fix?.patch).toEqual({ op: 'set', nodeId: 'dep-1', set: [{ path: ['resources', 'requests', 'memory'], value: '4Gi' }] });
    expect(finding?.evidence[1]).toEqual({ kind: 'event', text: expect.stringMatching(/^FailedScheduling: 0\/3 nodes are available/) });
  });
});
