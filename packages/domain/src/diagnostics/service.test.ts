import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { recomputeLinks } from '../links/recompute-links.ts';
import { makeNode } from '../testing/factories.ts';
import { assertDiagnosis, graphWith, type Expected } from './testdata/fixtures.ts';

const graph = graphWith();
const wrongPort = graphWith({ 'svc-1': (d) => ({ ...d, targetPort: 9090 }) });
const wrongName = graphWith({ 'svc-1': (d) => ({ ...d, targetPort: 'grpc' }) });
const namedOk = graphWith({ 'svc-1': (d) => ({ ...d, targetPort: 'http' }) });
const noPorts = graphWith({ 'svc-1': (d) => ({ ...d, targetPort: 9090 }), 'dep-1': (d) => ({ ...d, ports: [] }) });
const scaledToZero = graphWith({ 'dep-1': (d) => ({ ...d, replicas: 0 }) });
const unlinked = recomputeLinks({ ...graph, edges: graph.edges.filter((e) => e.source !== 'svc-1') });
const worker = makeNode('deployment', 'dep-2', { name: 'worker', namespace: 'shop', image: 'ghcr.io/acme/worker:1' });
const unlinkedByPort = (() => {
  const g = graphWith({ 'svc-1': (d) => ({ ...d, name: 'frontend', targetPort: 8080 }) }, [worker]);
  return recomputeLinks({ ...g, edges: g.edges.filter((e) => e.source !== 'svc-1') });
})();
const unlinkedAmbiguous = (() => {
  const g = graphWith({ 'svc-1': (d) => ({ ...d, name: 'frontend' }) }, [worker]);
  return recomputeLinks({ ...g, edges: g.edges.filter((e) => e.source !== 'svc-1') });
})();

// Selector (detectServiceSelector) and targetPort (detectServiceTargetPort), for node svc-1.
const cases: [string, WorkflowGraph, string[], Expected[]][] = [
  ['routes to running pods', graph, ['service-clusterip', 'pod-running', 'endpointslice-ready'], []],
  ['selects nothing', graph, ['service-clusterip'], [['service.selects-nothing', 'error', /^Its selector app\.kubernetes\.io\/name=web,kubeorch\.io\/node=dep-1 matches no running pod/]]],
  ['selects nothing: workload scaled to 0', scaledToZero, ['service-clusterip'], [['service.selects-nothing', 'info', /"web" is scaled to 0/]]],
  ['pods not observed: no selector finding', graph, [], []],
  ['not connected: the workload of the same name', unlinked, ['service-no-selector'], [['service.not-connected', 'warning', /^Not connected to a workload/, 'connect-workload:svc-1']]],
  ['not connected: the workload with its targetPort', unlinkedByPort, [], [['service.not-connected', 'warning', /^Not connected/, 'connect-workload:svc-1']]],
  ['not connected: no workload stands out, no fix', unlinkedAmbiguous, [], [['service.not-connected', 'warning', /^Not connected/]]],
  ['targetPort no container exposes', wrongPort, ['service-clusterip', 'pod-running'], [['service.target-port-mismatch', 'error', /^targetPort 9090 is not a port of "web" \(it exposes 8080\)/, 'set-target-port:svc-1']]],
  ['named targetPort no container has', wrongName, [], [['service.target-port-mismatch', 'error', /^targetPort grpc is not a port of "web"/, 'set-target-port:svc-1']]],
  ['named targetPort that exists', namedOk, [], []],
  ['workload declares no ports: nothing to compare', noPorts, [], []],
];

describe('service detectors', () => {
  it.each(cases)('%s', (_, g, fixtures, expected) => {
    assertDiagnosis(g, 'svc-1', fixtures, expected);
  });

  it('sets targetPort to the workload’s first container port', () => {
    const [finding] = assertDiagnosis(wrongPort, 'svc-1', [], [['service.target-port-mismatch', 'error', /./, 'set-target-port:svc-1']]);
    expect(finding?.fix?.patch).toEqual({ op: 'set', nodeId: 'svc-1', set: [{ path: ['targetPort'], value: 8080 }] });
  });

  it('connects an unconnected service to the workload it was meant for, with an edge the design accepts', () => {
    const [byName] = assertDiagnosis(unlinked, 'svc-1', [], [['service.not-connected', 'warning', /./, 'connect-workload:svc-1']]);
    expect(byName?.fix?.patch).toEqual({ op: 'connect', edges: [{ id: 'fix-svc-1-dep-1', source: 'svc-1', target: 'dep-1' }] });
    expect(byName?.fix?.title).toBe('Route to "web"');
    const [byPort] = assertDiagnosis(unlinkedByPort, 'svc-1', [], [['service.not-connected', 'warning', /./, 'connect-workload:svc-1']]);
    expect(byPort?.fix?.patch).toMatchObject({ edges: [{ target: 'dep-1' }] });
  });
});
