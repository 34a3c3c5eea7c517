import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEdge, makeGraph, makeNode } from '../../testing/factories.ts';
import { validateGraph } from '../validate-graph.ts';
import { renderManifests } from '../../render/render-manifests.ts';

// A node id is written into the kubeorch.io/node label of everything the node renders: an id
// that is not a label value saves but can never be applied.
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

const cm = (id: string) => makeNode('configmap', id, { name: 'settings', data: { a: '1' } });
const idIssues = (graph: unknown) => {
  const result = validateGraph(graph);
  return result.ok ? [] : result.issues.filter((i) => i.path.at(-1) === 'id');
};

const hostileId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 100 }),
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', ' ', '/', '\u0000', ':', 'é'), minLength: 1, maxLength: 70 }),
  fc.constantFrom('web', 'a b', 'a/b', 'a\u0000', '-web', 'web-', '.x', 'x'.repeat(63), 'x'.repeat(64), '9', 'Web_1.2', '550e8400-e29b-41d4-a716-446655440000'),
);

describe('node and edge ids', () => {
  it('a node id is accepted exactly when it is a label value; a refusal names the node and its id field', () => {
    fc.assert(
      fc.property(hostileId, (id) => {
        const issues = idIssues(makeGraph([cm(id)]));
        if (LABEL_VALUE.test(id)) {
          expect(issues).toEqual([]);
          const result = validateGraph(makeGraph([cm(id)]));
          if (!result.ok) throw new Error('valid');
          expect(renderManifests(result.graph, { workflowId: 'w' })[0]?.object.metadata?.labels?.['kubeorch.io/node']).toBe(id);
        } else {
          expect(issues).toEqual([{ nodeId: id, path: ['nodes', 0, 'id'], message: expect.stringContaining(JSON.stringify(id).slice(0, 20)) }]);
          expect(issues[0]!.message).toMatch(/label value/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('an edge id may be any 1–100 characters except control ones (edge ids are never rendered)', () => {
    const nodes = [makeNode('deployment', 'd', { name: 'web', image: 'nginx' }), makeNode('service', 's', { name: 'web', port: 80 })];
    expect(idIssues(makeGraph(nodes, [makeEdge('xy-edge__s-d with spaces/and:colons', 's', 'd')]))).toEqual([]);
    expect(idIssues(makeGraph(nodes, [makeEdge('e\u0000', 's', 'd')]))).toEqual([
      { edgeId: 'e\u0000', path: ['edges', 0, 'id'], message: 'edge id "e\\u0000" must not contain control characters' },
    ]);
  });
});
