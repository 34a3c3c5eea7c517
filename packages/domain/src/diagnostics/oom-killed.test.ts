import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { assertDiagnosis, graphWith, type Expected } from './testdata/fixtures.ts';

const noResources = graphWith({ 'dep-1': ({ resources: _, ...d }) => d });
const bigRequest = graphWith({ 'dep-1': (d) => ({ ...d, resources: { requests: { memory: '1Gi' } } }) });
const fractional = graphWith({ 'dep-1': (d) => ({ ...d, resources: { limits: { memory: '1.5Gi' } } }) });

// graph, expected finding, the limit the fix sets.
const cases: [string, WorkflowGraph, Expected, string][] = [
  ['doubles the limit', graphWith(), ['oom-killed', 'error', /more than its memory limit \(512Mi\)/, 'raise-memory-limit:web'], '1024Mi'],
  ['sets 256Mi without a limit', noResources, ['oom-killed', 'error', /has no memory limit, so its node ran out/, 'raise-memory-limit:web'], '256Mi'],
  ['keeps limits ≥ requests', bigRequest, ['oom-killed', 'error', /has no memory limit/, 'raise-memory-limit:web'], '2Gi'],
  ['doubles a fractional quantity', fractional, ['oom-killed', 'error', /\(1\.5Gi\)/, 'raise-memory-limit:web'], '3Gi'],
];

describe('detectOomKilled', () => {
  it.each(cases)('%s', (_, graph, expected, limit) => {
    const [finding] = assertDiagnosis(graph, 'dep-1', ['pod-oomkilled'], [expected]);
    expect(finding?.fix?.patch).toEqual({ op: 'set', nodeId: 'dep-1', set: [{ path: ['resources', 'limits', 'memory'], value: limit }] });
  });
});
