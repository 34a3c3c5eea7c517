import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../kinds/node-kinds.ts';
import { makeGraph } from '../testing/factories.ts';
import { createNodeOfKind } from './create-node.ts';
import { validateGraph } from './validate-graph.ts';

describe('createNodeOfKind', () => {
  it.each(NODE_KINDS)('%s: a new node is valid on its own and takes a free name', (kind) => {
    const first = createNodeOfKind(kind, { id: 'a', position: { x: 1, y: 2 } });
    const second = createNodeOfKind(kind, { id: 'b', position: { x: 0, y: 0 }, graph: makeGraph([first]) });
    expect(first.data.name).toBe(`${kind}-1`);
    expect(second.data.name).toBe(`${kind}-2`);
    expect(validateGraph(makeGraph([first, second])).ok).toBe(true);
  });
});
