import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../kinds/node-kinds.ts';
import { exactEdge, exactNode, parseWorkflowEdge, parseWorkflowNode } from './parse-envelope.ts';
import { workflowEdgeSchema, workflowNodeSchema } from './workflow-graph.ts';
import { friendlyMessage } from './zod-issues.ts';

// Values near every rule of the schemas: ids of 0, 1, 100 and 101 characters, kinds and near
// kinds, finite and non-finite numbers, numbers as strings, null, arrays where objects belong,
// objects that are not plain (a Date, a Map), keys present with undefined, extra keys.
const id = fc.oneof(
  fc.constantFrom('', 'a', 'web', 'x'.repeat(100), 'x'.repeat(101), 'é'.repeat(50)),
  fc.string({ maxLength: 5 }),
  fc.constantFrom(7, null, undefined, ['a'], { id: 'a' }),
);
const kind = fc.oneof(fc.constantFrom(...NODE_KINDS), fc.constantFrom('Deployment', 'deploy', '', 'service ', null, 3));
const coordinate = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, '12', null, undefined));
const notPlain = fc.constantFrom<unknown>(new Date(0), new Map(), [1, 2], Object.assign(Object.create({ inherited: 1 }), { x: 1, y: 2 }));
const position = fc.oneof(
  { arbitrary: fc.record({ x: coordinate, y: coordinate }, { requiredKeys: [] }), weight: 4 },
  { arbitrary: fc.record({ x: coordinate, y: coordinate, z: coordinate }), weight: 1 },
  { arbitrary: notPlain, weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined, 'x'), weight: 1 },
  { arbitrary: fc.constant(Object.assign(Object.create(null) as object, { x: 1, y: 2 })), weight: 1 },
);
const data = fc.oneof(
  { arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })), weight: 4 },
  { arbitrary: notPlain, weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined, 'data', 3), weight: 1 },
);
const extra = fc.dictionary(fc.constantFrom('selected', 'dragging', 'measured', 'width', 'style'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
const handle = fc.oneof(id, fc.constantFrom(null, 'x'.repeat(100), 'x'.repeat(101), '', 'path-0'));

const validNode = fc.record({
  id: fc.string({ minLength: 1, maxLength: 100 }),
  type: fc.constantFrom(...NODE_KINDS),
  position: fc.record({ x: fc.double({ noNaN: true, noDefaultInfinity: true }), y: fc.integer() }),
  data: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
});
const node = fc.oneof(
  { arbitrary: fc.tuple(validNode, extra).map(([n, e]) => ({ ...e, ...n })), weight: 3 },
  { arbitrary: fc.tuple(fc.record({ id, type: kind, position, data }, { requiredKeys: [] }), extra).map(([n, e]) => ({ ...e, ...n })), weight: 9 },
  { arbitrary: fc.constantFrom<unknown>(null, 'node', [], new Date(0)), weight: 1 },
);
const edge = fc.oneof(
  { arbitrary: fc.tuple(fc.record({ id, source: id, target: id, sourceHandle: handle, targetHandle: handle }, { requiredKeys: ['id'] }), extra).map(([e, x]) => ({ ...x, ...e })), weight: 9 },
  { arbitrary: fc.constantFrom<unknown>(null, 'edge', [], new Map()), weight: 1 },
);

describe('parseWorkflowNode / parseWorkflowEdge', () => {
  /** Every value the plain checks accept parses with the schema to exactly their answer; counts those. */
  function agreeWithSchema<T>(arb: fc.Arbitrary<unknown>, exact: (raw: unknown) => T | undefined, schema: z.ZodType<T>): number {
    let quick = 0;
    fc.assert(
      fc.property(arb, (raw) => {
        const fast = exact(raw);
        if (fast === undefined) return;
        quick++;
        const slow = schema.safeParse(raw, { error: friendlyMessage });
        expect(slow.success).toBe(true);
        expect(fast).toStrictEqual(slow.data);
      }),
      { numRuns: 3000 },
    );
    return quick;
  }

  // More than 100 of 3,000: the generators reach the quick path, not only the schema.
  it('a node the plain checks accept is exactly what the schema returns for it', () => {
    expect(agreeWithSchema(node, exactNode, workflowNodeSchema)).toBeGreaterThan(100);
  });

  it('an edge the plain checks accept is exactly what the schema returns for it', () => {
    expect(agreeWithSchema(edge, exactEdge, workflowEdgeSchema)).toBeGreaterThan(100);
  });

  it('gives the same outcome as the schema for any input, with its issues when invalid', () => {
    fc.assert(
      fc.property(node, edge, (n, e) => {
        const nodes = [parseWorkflowNode(n), workflowNodeSchema.safeParse(n, { error: friendlyMessage })] as const;
        const edges = [parseWorkflowEdge(e), workflowEdgeSchema.safeParse(e, { error: friendlyMessage })] as const;
        for (const [mine, schema] of [nodes, edges]) {
          expect(mine.success).toBe(schema.success);
          if (mine.success && schema.success) expect(mine.data).toStrictEqual(schema.data);
          if (!mine.success && !schema.success) expect(mine.error.issues).toEqual(schema.error.issues);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the node data object as given (the kind schema parses it next)', () => {
    const data = { name: 'web', image: 'nginx' };
    const parsed = parseWorkflowNode({ id: 'a', type: 'deployment', position: { x: 1, y: 2 }, data, selected: true });
    expect(parsed.success && parsed.data).toStrictEqual({ id: 'a', type: 'deployment', position: { x: 1, y: 2 }, data });
    expect(parsed.success && parsed.data.data).toBe(data);
  });
});
