import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseNodeData } from '../graph/parse-node-data.ts';
import { NODE_KINDS } from './node-kinds.ts';
import { kindRegistry } from './registry.ts';

describe('kindRegistry', () => {
  it('has one entry per kind, keyed by its own kind', () => {
    expect(Object.keys(kindRegistry).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) expect(kindRegistry[kind].kind).toBe(kind);
  });

  it.each(NODE_KINDS)('%s: palette defaults plus a name are valid data', (kind) => {
    const result = parseNodeData(kind, { ...kindRegistry[kind].defaults, name: 'example' });
    expect(result).toMatchObject({ ok: true });
  });

  it.each(NODE_KINDS)('%s: the name rule agrees with the data schema', (kind) => {
    const { nameSchema } = kindRegistry[kind];
    for (const name of ['web', 'a'.repeat(52), 'a'.repeat(53), 'a'.repeat(64), '9lives', 'Web', '-web', 'we_b']) {
      const byName = nameSchema.safeParse(name).success;
      const extra = kind === 'statefulset' ? { serviceName: 'svc' } : {};
      const byData = parseNodeData(kind, { ...kindRegistry[kind].defaults, ...extra, name }).ok;
      expect(byData, `${kind} ${name}`).toBe(byName);
    }
  });
});

describe('kind schemas as JSON Schema (for forms)', () => {
  it.each(NODE_KINDS)('%s converts, listing name and namespace', (kind) => {
    const schema = z.toJSONSchema(kindRegistry[kind].dataSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'namespace']));
  });
});
