import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { recomputeLinks } from '../links/recompute-links.ts';
import { assertDiagnosis, graphWith, type Expected } from './testdata/fixtures.ts';

const graph = graphWith();
const premium = graphWith({ 'pvc-1': (d) => ({ ...d, storageClassName: 'premium' }) });
const unmounted = recomputeLinks({ ...graph, edges: graph.edges.filter((e) => e.source !== 'pvc-1') });

const cases: [string, WorkflowGraph, string[], Expected[]][] = [
  ['no storage class: suggests the default', graph, ['pvc-pending', 'event-pvc-no-storage-class', 'storageclasses'], [['pvc.no-storage-class', 'error', /names no storage class and the cluster has no default one/, 'set-storage-class:pvc-1']]],
  ['no storage class, classes not observed: no fix', graph, ['pvc-pending', 'event-pvc-no-storage-class'], [['pvc.no-storage-class', 'error', /\(no persistent volumes available/]]],
  ['storage class not found', premium, ['pvc-pending', 'event-pvc-class-not-found', 'storageclasses'], [['pvc.storage-class-not-found', 'error', /its storage class does not exist .*"premium" not found/, 'set-storage-class:pvc-1']]],
  ['provisioning failed', graph, ['pvc-pending', 'event-pvc-provisioning-failed'], [['pvc.provisioning-failed', 'error', /quota exceeded/]]],
  ['waits for a pod that will come', graph, ['pvc-pending', 'event-pvc-wait-for-consumer'], [['pvc.waiting-for-consumer', 'info', /binds a volume only once a pod uses the claim/]]],
  ['waits for a pod that never comes', unmounted, ['pvc-pending', 'event-pvc-wait-for-consumer'], [['pvc.unused', 'warning', /no workload of this workflow mounts it/]]],
  ['pending without events', graph, ['pvc-pending'], [['pvc.pending', 'warning', /no event explaining why yet/]]],
  ['bound', graph, ['pvc-bound'], []],
];

describe('detectPvcPending', () => {
  it.each(cases)('%s', (_, g, fixtures, expected) => {
    assertDiagnosis(g, 'pvc-1', fixtures, expected);
  });

  it('prefers the default class and never suggests the current one', () => {
    const [finding] = assertDiagnosis(graph, 'pvc-1', ['pvc-pending', 'event-pvc-no-storage-class', 'storageclasses'], [['pvc.no-storage-class', 'error', /./, 'set-storage-class:pvc-1']]);
    expect(finding?.fix?.patch).toEqual({ op: 'set', nodeId: expect.any(String), set: [{ path: ['storageClassName'], value: 'standard' }] });
    const standard = graphWith({ 'pvc-1': (d) => ({ ...d, storageClassName: 'standard' }) });
    const [other] = assertDiagnosis(standard, 'pvc-1', ['pvc-pending', 'event-pvc-class-not-found', 'storageclasses'], [['pvc.storage-class-not-found', 'error', /./, 'set-storage-class:pvc-1']]);
    expect(other?.fix?.patch).toEqual({ op: 'set', nodeId: expect.any(String), set: [{ path: ['storageClassName'], value: 'fast' }] });
    expect(other?.fix?.description).toMatch(/delete the claim/);
  });
});
