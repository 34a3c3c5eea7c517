import { describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from '../errors.ts';
import { sampleApp } from '../testing/sample-app.ts';
import { applyNodePatch } from './apply-node-patch.ts';
import type { NodePatch } from './finding.ts';

const dataOf = (patch: NodePatch) => applyNodePatch(sampleApp(), patch).nodes.find((n) => n.id === patch.nodeId)?.data;

describe('applyNodePatch', () => {
  it.each<[string, NodePatch, (string | number)[], unknown]>([
    ['replaces a value', { op: 'set', nodeId: 'svc-1', set: [{ path: ['targetPort'], value: 8080 }] }, ['targetPort'], 8080],
    ['creates missing objects', { op: 'set', nodeId: 'svc-1', set: [{ path: ['resources', 'limits', 'memory'], value: '1Gi' }] }, ['resources', 'limits', 'memory'], '1Gi'],
    ['sets inside existing objects', { op: 'set', nodeId: 'dep-1', set: [{ path: ['resources', 'limits', 'memory'], value: '1Gi' }] }, ['resources'], { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } }],
    ['appends to a list', { op: 'set', nodeId: 'sec-1', set: [{ path: ['entries', 1], value: { key: 'X' } }] }, ['entries'], [{ key: 'DATABASE_URL' }, { key: 'X' }]],
    ['creates a list before an index', { op: 'set', nodeId: 'dep-1', set: [{ path: ['imagePullSecrets', 0], value: 'regcred' }] }, ['imagePullSecrets'], ['regcred']],
    ['sets a key with dots', { op: 'set', nodeId: 'cm-1', set: [{ path: ['data', 'log.yaml'], value: '' }] }, ['data'], { 'app.yaml': 'currency: EUR\n', 'log.yaml': '' }],
  ])('%s', (_, patch, path, expected) => {
    let value: unknown = dataOf(patch);
    for (const segment of path) value = (value as Record<string | number, unknown>)[segment];
    expect(value).toEqual(expected);
  });

  it.each<[string, NodePatch, string]>([
    ['unknown node', { op: 'set', nodeId: 'nope', set: [] }, 'nodeId: no node has the id "nope"'],
    ['empty path', { op: 'set', nodeId: 'dep-1', set: [{ path: [], value: 1 }] }, 'set[0].path: must not be empty'],
    ['linked field', { op: 'set', nodeId: 'svc-1', set: [{ path: ['_linkedDeployment'], value: {} }] }, 'set[0].path: must start with a field of the node data (not a linked "_" field)'],
    ['prototype pollution', { op: 'set', nodeId: 'dep-1', set: [{ path: ['resources', '__proto__', 'x'], value: 1 }] }, 'set[0].path: "__proto__" is not allowed in a path'],
    ['through a scalar', { op: 'set', nodeId: 'dep-1', set: [{ path: ['image', 'tag'], value: '1' }] }, 'set[0].path: "image" holds a value, not an object or list'],
    ['index on an object', { op: 'set', nodeId: 'dep-1', set: [{ path: ['resources', 0], value: 1 }] }, 'set[0].path: step 1 is an index, but the value there is not a list'],
    ['key on a list', { op: 'set', nodeId: 'dep-1', set: [{ path: ['ports', 'x'], value: 1 }] }, 'set[0].path: step 1 is a key, but the value there is not an object'],
    ['hole in a list', { op: 'set', nodeId: 'sec-1', set: [{ path: ['entries', 5], value: {} }] }, 'set[0].path: index 5 is outside the list (length 1)'],
  ])('refuses %s', (_, patch, message) => {
    expect(() => applyNodePatch(sampleApp(), patch)).toThrowError(ValidationError);
    expect(() => applyNodePatch(sampleApp(), patch)).toThrowError(DomainError);
    expect(() => applyNodePatch(sampleApp(), patch)).toThrowError(message);
  });

  it('leaves the input graph and other nodes untouched', () => {
    const graph = sampleApp();
    const before = structuredClone(graph);
    const patched = applyNodePatch(graph, { op: 'set', nodeId: 'dep-1', set: [{ path: ['resources', 'limits', 'memory'], value: '1Gi' }] });
    expect(graph).toEqual(before);
    expect(patched.nodes.filter((n) => n.id !== 'dep-1')).toEqual(before.nodes.filter((n) => n.id !== 'dep-1'));
    expect(patched.edges).toEqual(before.edges);
  });

  it('applies nothing when one step fails', () => {
    const graph = sampleApp();
    const before = structuredClone(graph);
    expect(() => applyNodePatch(graph, { op: 'set', nodeId: 'dep-1', set: [{ path: ['replicas'], value: 5 }, { path: [], value: 1 }] })).toThrowError();
    expect(graph).toEqual(before);
  });
});
