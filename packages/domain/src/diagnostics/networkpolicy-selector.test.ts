import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { recomputeLinks } from '../links/recompute-links.ts';
import { assertDiagnosis, graphWith, type Expected } from './testdata/fixtures.ts';

const graph = graphWith();
const unlinked = recomputeLinks({ ...graph, edges: graph.edges.filter((e) => e.source !== 'np-1') });

const cases: [string, WorkflowGraph, string[], Expected[]][] = [
  ['guards running pods', graph, ['networkpolicy', 'pod-running'], []],
  ['selects no running pod', graph, ['networkpolicy', 'pod-terminating-crashloop'], [['networkpolicy.selects-nothing', 'warning', /^Its pod selector matches no running pod/]]],
  ['connected to no workload', unlinked, [], [['networkpolicy.selects-nothing', 'warning', /^Applies to no workload/, 'connect-workload:np-1']]],
  ['not deployed yet', graph, [], []],
];

describe('detectNetworkPolicySelector', () => {
  it.each(cases)('%s', (_, g, fixtures, expected) => {
    assertDiagnosis(g, 'np-1', fixtures, expected);
  });

  it('connects a policy named after a workload ("web-ingress") to it', () => {
    const [finding] = assertDiagnosis(unlinked, 'np-1', [], [['networkpolicy.selects-nothing', 'warning', /./, 'connect-workload:np-1']]);
    expect(finding?.fix?.patch).toEqual({ op: 'connect', edges: [{ id: 'fix-np-1-dep-1', source: 'np-1', target: 'dep-1' }] });
  });
});
