import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { recomputeLinks } from '../links/recompute-links.ts';
import { assertDiagnosis, graphWith, type Expected } from './testdata/fixtures.ts';

const graph = graphWith();
const unrouted = recomputeLinks({ ...graph, edges: graph.edges.filter((e) => e.source !== 'ing-1') });

const cases: [string, WorkflowGraph, string[], Expected[]][] = [
  ['every backend exists', graph, ['ingress-with-address', 'service-clusterip'], []],
  ['backend of the workflow not deployed', graph, ['ingress-with-address'], [['ingress.backend-missing', 'error', /^Backend service "web" is in the workflow but not in the cluster/]]],
  ['backend nobody creates', graph, ['ingress-pending', 'service-clusterip'], [['ingress.backend-missing', 'error', /^Backend service "api" does not exist, so requests to its paths fail \(503\)$/]]],
  ['path not connected', unrouted, [], [['ingress.path-unrouted', 'warning', /^Path \/ is not connected to a service$/, 'connect-path:root']]],
];

describe('detectIngressBackend', () => {
  it.each(cases)('%s', (_, g, fixtures, expected) => {
    assertDiagnosis(g, 'ing-1', fixtures, expected);
  });

  it('routes an unconnected path to the only service of its namespace, on the path’s handle', () => {
    const [finding] = assertDiagnosis(unrouted, 'ing-1', [], [['ingress.path-unrouted', 'warning', /./, 'connect-path:root']]);
    expect(finding?.fix?.patch).toEqual({ op: 'connect', edges: [{ id: 'fix-ing-1-svc-1-root', source: 'ing-1', target: 'svc-1', sourceHandle: 'root' }] });
  });
});
