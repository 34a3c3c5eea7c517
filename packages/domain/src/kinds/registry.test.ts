import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { newNodeData } from '../graph/create-node.ts';
import { parseNodeData } from '../graph/parse-node-data.ts';
import { APPLY_ORDER } from '../render/apply-order.ts';
import { GOLDEN_CASES } from '../render/golden-cases.ts';
import { renderManifests } from '../render/render-manifests.ts';
import { MANAGED_TYPES, RELATED_TYPES } from './kube-types-of-kinds.ts';
import { NODE_KINDS, WORKLOAD_KINDS } from './node-kinds.ts';
import { kindDefinition, kindRegistry } from './registry.ts';
import { schemaDefaults, summarizeNode } from './schema-defaults.ts';

// The completeness test: a kind is one folder plus its registry entry, and everything about it
// hangs off its definition. This fails when a kind folder misses a part, when a rendered type is
// not declared (so it would be applied but never watched, pruned or archived), or when a fact is
// written twice.

const typeKey = (t: { apiVersion: string; kind: string }) => `${t.apiVersion}/${t.kind}`;

describe('kindRegistry', () => {
  it('has one entry per kind folder, keyed by its own kind', () => {
    const folders = readdirSync(fileURLToPath(new URL('.', import.meta.url)), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...NODE_KINDS].sort());
    expect(Object.keys(kindRegistry).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) expect(kindRegistry[kind].kind).toBe(kind);
  });

  it.each(NODE_KINDS)('%s: has every part', (kind) => {
    const def = kindDefinition(kind);
    for (const text of [def.label, def.description]) expect(text.trim()).not.toBe('');
    expect(['workloads', 'networking', 'configuration', 'storage', 'scaling', 'security']).toContain(def.category);
    expect(Array.isArray(def.shortNames)).toBe(true);
    for (const fn of [def.summary, def.render, def.health]) expect(typeof fn).toBe('function');
    for (const list of [def.deployChecks, def.detectors, def.observes, def.connectsTo]) expect(Array.isArray(list)).toBe(true);
    for (const check of [...def.deployChecks, ...def.detectors]) expect(typeof check).toBe('function');
    expect(def.objects.length).toBeGreaterThan(0);
    expect(['one', 'many']).toContain(def.targets);
    // An edge that links nothing would be allowed and do nothing; a link without edges never runs.
    expect(def.link !== undefined, 'link is defined exactly when connectsTo is not empty').toBe(def.connectsTo.length > 0);
    if (def.exclusive || def.edgeSlots || def.targets === 'one') expect(def.connectsTo.length).toBeGreaterThan(0);
  });

  it.each(NODE_KINDS)('%s: its card has a summary, for a new node and for data cleared mid-edit', (kind) => {
    const lines = summarizeNode(kind, newNodeData(kind, 'example'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/undefined|NaN|\[object/);
    expect(() => summarizeNode(kind, {})).not.toThrow();
  });

  it.each(NODE_KINDS)('%s: the seed plus a name is valid data', (kind) => {
    expect(parseNodeData(kind, { ...kindRegistry[kind].seed, name: 'example' })).toMatchObject({ ok: true });
  });

  it.each(NODE_KINDS)('%s: the seed restates no schema default (defaults live once, in the schema)', (kind) => {
    const defaults = schemaDefaults(kind);
    for (const [key, value] of Object.entries(kindRegistry[kind].seed)) {
      expect(key in defaults && JSON.stringify(defaults[key]) === JSON.stringify(value), `${kind}.${key}`).toBe(false);
    }
  });

  it('reads the schemas’ defaults', () => {
    expect(schemaDefaults('deployment')).toMatchObject({ namespace: 'default', replicas: 1, ports: [], env: [] });
    expect(newNodeData('deployment', 'web')).toMatchObject({ name: 'web', namespace: 'default', replicas: 1, image: 'nginx:1.27' });
  });

  it.each(NODE_KINDS)('%s: the name rule agrees with the data schema', (kind) => {
    const { nameSchema } = kindRegistry[kind];
    for (const name of ['web', 'a'.repeat(52), 'a'.repeat(53), 'a'.repeat(64), '9lives', 'Web', '-web', 'we_b']) {
      const byName = nameSchema.safeParse(name).success;
      const extra = kind === 'statefulset' ? { serviceName: 'svc' } : {};
      const byData = parseNodeData(kind, { ...kindRegistry[kind].seed, ...extra, name }).ok;
      expect(byData, `${kind} ${name}`).toBe(byName);
    }
  });

  it('WORKLOAD_KINDS are the kinds that run pods: each observes its pods', () => {
    for (const kind of WORKLOAD_KINDS) expect(kindDefinition(kind).observes.map((t) => t.kind)).toContain('Pod');
  });
});

describe('Kubernetes types derived from the kinds', () => {
  const declared = NODE_KINDS.flatMap((kind) => kindDefinition(kind).objects);

  it('gives each type one apply rank and scope, and each rank one kind', () => {
    const byType = new Map<string, string>();
    const byRank = new Map<number, string>();
    for (const t of declared) {
      const facts = JSON.stringify([t.applyRank, t.namespaced]);
      expect(byType.get(typeKey(t)) ?? facts, typeKey(t)).toBe(facts);
      byType.set(typeKey(t), facts);
      expect(byRank.get(t.applyRank) ?? t.kind, `rank ${t.applyRank}`).toBe(t.kind);
      byRank.set(t.applyRank, t.kind);
    }
  });

  it('manages and orders every declared type, and watches what health reads', () => {
    for (const t of declared) {
      expect(MANAGED_TYPES.map(typeKey)).toContain(typeKey(t));
      expect(APPLY_ORDER).toContain(t.kind);
    }
    const watched = [...MANAGED_TYPES, ...RELATED_TYPES].map(typeKey);
    for (const kind of NODE_KINDS) for (const t of kindDefinition(kind).observes) expect(watched).toContain(typeKey(t));
    expect(RELATED_TYPES.map((t) => t.kind).sort()).toEqual(['EndpointSlice', 'Event', 'Pod', 'ReplicaSet']);
    expect(MANAGED_TYPES.map((t) => t.kind)).not.toContain('Namespace');
  });

  it('every kind renders in some golden case, only types it declares, scoped as declared', () => {
    const rendered = new Set<string>();
    for (const [name, { graph, ctx }] of Object.entries(GOLDEN_CASES)) {
      const types = new Map(graph.nodes.map((n) => [n.id, kindDefinition(n.type).objects]));
      for (const m of renderManifests(graph, ctx)) {
        const kind = graph.nodes.find((n) => n.id === m.nodeId)!.type;
        const type = types.get(m.nodeId)!.find((t) => typeKey(t) === typeKey(m));
        expect(type, `${name}: ${kind} renders ${typeKey(m)} without declaring it in objects`).toBeDefined();
        expect(m.namespace !== undefined, `${name}: ${typeKey(m)} namespace`).toBe(type!.namespaced);
        expect(MANAGED_TYPES.map(typeKey)).toContain(typeKey(m));
        expect(APPLY_ORDER).toContain(m.kind);
        if (m.kind === kindDefinition(kind).objects[0].kind) rendered.add(kind);
      }
    }
    expect([...rendered].sort()).toEqual([...NODE_KINDS].sort());
  });
});

describe('kind schemas as JSON Schema (for forms)', () => {
  it.each(NODE_KINDS)('%s converts, listing name and namespace', (kind) => {
    const schema = z.toJSONSchema(kindRegistry[kind].dataSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'namespace']));
  });
});
