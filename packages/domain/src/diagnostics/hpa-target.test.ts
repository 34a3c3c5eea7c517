import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { recomputeLinks } from '../links/recompute-links.ts';
import { makeEdge, makeNode } from '../testing/factories.ts';
import { assertDiagnosis, graphWith, type Expected } from './testdata/fixtures.ts';

const graph = graphWith();
const noRequests = graphWith({ 'dep-1': ({ resources: _, ...d }) => d });
const tinyLimit = graphWith({ 'dep-1': (d) => ({ ...d, resources: { limits: { cpu: '50m', memory: '64Mi' } } }) });
const memoryTarget = graphWith({ 'dep-1': ({ resources: _, ...d }) => d, 'hpa-1': (d) => ({ ...d, targetMemoryUtilizationPercentage: 80 }) });
const memoryOnly = graphWith({ 'dep-1': (d) => ({ ...d, resources: { requests: { cpu: '100m' } } }), 'hpa-1': ({ targetCPUUtilizationPercentage: _, ...d }) => ({ ...d, targetMemoryUtilizationPercentage: 80 }) });
const defaultMetric = graphWith({ 'dep-1': ({ resources: _, ...d }) => d, 'hpa-1': ({ targetCPUUtilizationPercentage: _, ...d }) => d });
const unlinked = recomputeLinks({ ...graph, edges: graph.edges.filter((e) => e.source !== 'hpa-1') });
const unlinkedTaken = recomputeLinks({
  nodes: [...unlinked.nodes, makeNode('hpa', 'hpa-2', { name: 'web-burst', namespace: 'shop', minReplicas: 1, maxReplicas: 3 })],
  edges: [...unlinked.edges, makeEdge('e-hpa2-dep', 'hpa-2', 'dep-1')],
});

const cases: [string, WorkflowGraph, string[], Expected[]][] = [
  ['target with requests', graph, ['hpa-ok'], []],
  ['not connected', unlinked, [], [['hpa.target-missing', 'error', /^Scales nothing/, 'connect-target:hpa-1']]],
  ['not connected, the only candidate already scaled by another HPA: no fix', unlinkedTaken, [], [['hpa.target-missing', 'error', /^Scales nothing/]]],
  ['target not in the cluster', graph, ['hpa-failed-get-scale'], [['hpa.target-missing', 'error', /^Its target "web" is not in the cluster/]]],
  ['target without cpu request', noRequests, ['hpa-missing-cpu-request'], [['hpa.target-without-requests', 'error', /^Cannot compute cpu utilization: "web" sets no cpu request$/, 'add-cpu-request:dep-1']]],
  ['request capped at the limit', tinyLimit, [], [['hpa.target-without-requests', 'error', /cpu/, 'add-cpu-request:dep-1']]],
  ['cpu and memory targets', memoryTarget, [], [['hpa.target-without-requests', 'error', /cpu/, 'add-cpu-request:dep-1'], ['hpa.target-without-requests', 'error', /memory/, 'add-memory-request:dep-1']]],
  ['memory target only', memoryOnly, [], [['hpa.target-without-requests', 'error', /memory/, 'add-memory-request:dep-1']]],
  ['no metric: the default is CPU', defaultMetric, [], [['hpa.target-without-requests', 'error', /cpu/, 'add-cpu-request:dep-1']]],
];

describe('detectHpaTarget', () => {
  it.each(cases)('%s', (_, g, fixtures, expected) => {
    assertDiagnosis(g, 'hpa-1', fixtures, expected);
  });

  it('patches the target workload, with evidence from the HPA’s conditions', () => {
    const [finding] = assertDiagnosis(noRequests, 'hpa-1', ['hpa-missing-cpu-request'], [['hpa.target-without-requests', 'error', /./, 'add-cpu-request:dep-1']]);
    expect(finding?.fix?.patch).toEqual({ op: 'set', nodeId: 'dep-1', set: [{ path: ['resources', 'requests', 'cpu'], value: '100m' }] });
    expect(finding?.evidence).toEqual([{ kind: 'status', text: expect.stringMatching(/^ScalingActive=False FailedGetResourceMetric: .*missing request for cpu/) }]);
    const [capped] = assertDiagnosis(tinyLimit, 'hpa-1', [], [['hpa.target-without-requests', 'error', /./, 'add-cpu-request:dep-1']]);
    expect(capped?.fix?.patch).toEqual({ op: 'set', nodeId: expect.any(String), set: [{ path: ['resources', 'requests', 'cpu'], value: '50m' }] });
  });
});
