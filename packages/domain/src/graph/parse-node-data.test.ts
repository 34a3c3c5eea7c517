import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kindDefinition } from '../kinds/registry.ts';
import { isPlainRecord } from '../kinds/shared/plain-record.ts';
import { isExactJson, parseNodeData } from './parse-node-data.ts';
import { friendlyMessage } from './zod-issues.ts';

describe('parseNodeData: remembered results', () => {
  const deployment = () => ({ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 8080 }] });

  it('gives equal data for equal content, frozen so that no caller can change what others get', () => {
    const first = parseNodeData('deployment', deployment());
    const second = parseNodeData('deployment', deployment());
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.data).toEqual(first.data);
    expect(first.data.namespace).toBe('default'); // defaults applied
    expect(() => ((first.data.ports as { containerPort: number }[])[0]!.containerPort = 1)).toThrow(TypeError);
  });

  it('parses the normalized data to itself', () => {
    const first = parseNodeData('deployment', deployment());
    if (!first.ok) throw new Error('expected valid data');
    const again = parseNodeData('deployment', { ...first.data });
    expect(again).toEqual(first);
  });

  it('never answers for data that JSON cannot tell apart from data seen before (a Date, NaN)', () => {
    const epoch = '1970-01-01T00:00:00.000Z';
    expect(parseNodeData('deployment', { ...deployment(), image: epoch }).ok).toBe(true); // remembered
    expect(parseNodeData('deployment', { ...deployment(), image: new Date(0) }).ok).toBe(false); // same JSON, not a string
    expect(parseNodeData('service', { name: 'api', port: 8080, targetPort: null }).ok).toBe(false);
    const nan = parseNodeData('service', { name: 'api', port: 8080, targetPort: Number.NaN });
    const direct = kindDefinition('service').dataSchema.safeParse({ name: 'api', port: 8080, targetPort: Number.NaN }, { error: friendlyMessage });
    expect(nan.ok ? [] : nan.issues).toEqual(direct.success ? [] : direct.error.issues);
  });

  it('reports kind-specific errors for equal data under different kinds', () => {
    const data = { name: 'x', port: 80 };
    expect(parseNodeData('service', data).ok).toBe(true);
    expect(parseNodeData('configmap', data).ok).toBe(false);
  });
});

describe('isExactJson: which data may share a remembered result', () => {
  const anything = fc.anything({
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
    withTypedArray: true,
    withObjectString: true,
    maxDepth: 3,
  });

  // Objects without a prototype hold the same data as plain ones; everything else must match exactly.
  const withPrototypes = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(withPrototypes) : isPlainRecord(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withPrototypes(x)])) : v;

  it('accepts only values that JSON writes without loss (so equal JSON means equal data)', () => {
    fc.assert(
      fc.property(anything, (value) => {
        if (!isExactJson(value)) return;
        expect(JSON.parse(JSON.stringify(value))).toStrictEqual(withPrototypes(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every value that came from JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(isExactJson(JSON.parse(JSON.stringify(value)))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a Date, a boxed string, NaN, -0, undefined, toJSON and a cycle', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const v of [{ a: new Date(0) }, { a: new String('x') }, { a: Number.NaN }, { a: -0 }, { a: undefined }, [1, undefined], { toJSON: () => 1 }, cycle])
      expect(isExactJson(v)).toBe(false);
  });
});
