import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { sampleApp } from '../testing/sample-app.ts';
import { renderManifests } from './render-manifests.ts';
import { NotWritten, writeYaml } from './write-yaml.ts';

const byYaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });

/** writeYaml's answer, or undefined where it leaves the object to `yaml`. */
function written(value: Record<string, unknown>): string | undefined {
  try {
    return writeYaml(value);
  } catch (e) {
    if (e instanceof NotWritten) return undefined;
    throw e;
  }
}

// Strings near every rule: plain words, quantities, numbers and keywords, indicators, spaces,
// quotes, "#", ":", line breaks (block scalars, kept and stripped ends, indented first lines).
const pieces = ['a', 'Z', 'web', '0', '7', '10', 'm', 'Mi', '.', '-', '_', '/', ':', ': ', ' #', '#', ' ', '  ', '\n', '\n\n', '"', "'", '@', '=', '+', 'true', 'null', 'yes', '~', 'e', 'x', '.inf', '0x1F', '1.5', '[', '{', ',', '*', '&', '!', '|', '>', '%', '`', '?', 'é', '\t'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((p) => p.join(''));
const key = fc.oneof({ arbitrary: fc.constantFrom('name', 'app.kubernetes.io/name', 'image', 'data', 'x'), weight: 6 }, { arbitrary: text, weight: 1 });
const scalarValue = fc.oneof(
  { arbitrary: text, weight: 6 },
  { arbitrary: fc.integer({ min: -1e6, max: 1e6 }), weight: 2 },
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true }),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarValue, tie('map'), tie('seq')),
  map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  seq: fc.array(tie('value'), { maxLength: 4 }),
})).value;

describe('writeYaml', () => {
  it('writes what yaml writes, for any JSON object it does not leave to yaml', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), (object) => {
        const mine = written(object);
        if (mine === undefined) return;
        checked++;
        expect(mine).toBe(byYaml(object));
      }),
      { numRuns: 5000 },
    );
    expect(checked).toBeGreaterThan(1000); // most objects are written here, not left to yaml
  });

  it('writes every rendered object of the sample app itself, as yaml would', () => {
    for (const m of renderManifests(sampleApp(), { workflowId: 'wf-1' })) {
      expect(written(m.object as unknown as Record<string, unknown>), `${m.kind}/${m.name}`).toBe(byYaml(m.object));
    }
  });

  it('writes block scalars inside sequences and maps at their depth', () => {
    const object = { spec: { containers: [{ args: ['a\nb', 'c'], env: [{ name: 'X', value: 'line 1\nline 2\n' }] }] }, data: { 'app.yaml': 'unit: 1\n' } };
    expect(written(object)).toBe(byYaml(object));
  });
});
