import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleApp } from '../testing/sample-app.ts';
import { renderManifests } from '../render/render-manifests.ts';
import { sameJson } from './same-json.ts';

const jsonOf = (v: unknown): string | undefined | Error => {
  try {
    return JSON.stringify(v);
  } catch (e) {
    return e as Error;
  }
};

// Values and near copies: a leaf changed, a key added, removed, set to undefined or moved to the
// end (key order is part of JSON text), and values JSON writes specially (undefined, NaN, -0,
// functions, Dates, boxed values, toJSON, holes, objects without a prototype).
const leaf = fc.oneof(
  fc.constantFrom<unknown>(0, -0, 1, Number.NaN, Infinity, null, undefined, true, '', 'a', '0', () => 1, new Date(0), new String('a'), { toJSON: () => 'a' }),
  fc.integer({ min: -3, max: 3 }),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { maxDepth: 3 },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', '1', '0', 'toJSON'), tie('v'), { maxKeys: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b'), tie('v'), { maxKeys: 2, noNullPrototype: false }),
  ),
})).v;
const edit = (v: unknown, pick: number, to: unknown): unknown => {
  if (Array.isArray(v)) return pick % 3 === 0 ? [...v, to] : v.map((x, i) => (i === pick % v.length ? edit(x, pick >> 1, to) : x));
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    const entries = Object.entries(v);
    if (entries.length === 0 || pick % 5 === 0) return { ...v, c: to };
    const [key] = entries[pick % entries.length]!;
    if (pick % 7 === 0) return Object.fromEntries([...entries.filter(([k]) => k !== key), [key, (v as Record<string, unknown>)[key]]]); // moved last
    if (pick % 11 === 0) return { ...v, [key]: undefined };
    return { ...v, [key]: edit((v as Record<string, unknown>)[key], pick >> 2, to) };
  }
  return to;
};
const pair = fc.oneof(
  fc.tuple(value, value),
  fc.tuple(value, fc.nat(), value).map(([v, pick, to]) => [v, edit(v, pick, to)] as const),
  fc.tuple(value, fc.nat(), leaf).map(([v, pick, to]) => [v, edit(v, pick, to)] as const),
);

describe('sameJson', () => {
  it('answers exactly as comparing JSON.stringify texts does', () => {
    let equal = 0;
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const [x, y] = [jsonOf(a), jsonOf(b)];
        if (x instanceof Error || y instanceof Error) return;
        if (x === y) equal++;
        expect(sameJson(a, b)).toBe(x === y);
      }),
      { numRuns: 5000 },
    );
    expect(equal).toBeGreaterThan(250); // the equal case is reached often, not only by accident
  });

  it('finds a rendered object equal to a fresh rendering of the same design, and not to an edited one', () => {
    const render = (g: ReturnType<typeof sampleApp>) => renderManifests(g, { workflowId: 'wf-1' });
    const [first, again] = [render(sampleApp()), render(sampleApp())];
    for (let i = 0; i < first.length; i++) expect(sameJson(first[i]!.object, again[i]!.object)).toBe(true);
    const edited = sampleApp();
    (edited.nodes.find((n) => n.type === 'deployment')!.data as { image: string }).image = 'ghcr.io/acme/shop:1.5.0';
    const changed = render(edited);
    expect(first.filter((m, i) => !sameJson(m.object, changed[i]!.object)).map((m) => m.kind)).toEqual(['Deployment']);
  });
});
