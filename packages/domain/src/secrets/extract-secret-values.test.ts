import { describe, expect, it } from 'vitest';
import { makeGraph, makeNode } from '../testing/factories.ts';
import { extractSecretValues } from './extract-secret-values.ts';

describe('extractSecretValues', () => {
  it('strips values from secret entries and returns them by node and key', () => {
    const graph = makeGraph([
      makeNode('secret', 's1', { name: 's1', entries: [{ key: 'A', value: 'alpha' }, { key: 'B' }] }),
      makeNode('configmap', 'c', { name: 'c', data: { value: 'kept' } }),
    ]);
    const { graph: stripped, values } = extractSecretValues(graph);
    expect(values).toEqual({ s1: { A: 'alpha' } });
    expect(stripped.nodes[0]?.data.entries).toEqual([{ key: 'A' }, { key: 'B' }]);
    expect(stripped.nodes[1]).toBe(graph.nodes[1]);
    expect(JSON.stringify(stripped)).not.toContain('alpha');
    expect(graph.nodes[0]?.data.entries).toEqual([{ key: 'A', value: 'alpha' }, { key: 'B' }]);
  });
});
