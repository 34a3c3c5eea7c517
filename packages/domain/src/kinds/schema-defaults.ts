import { z } from 'zod';
import type { NodeKind } from './node-kinds.ts';
import { kindDefinition } from './registry.ts';

const cache = new Map<NodeKind, Readonly<Record<string, unknown>>>();

/**
 * A kind's top-level defaults, read from its data schema (the `default`s of its input-side JSON
 * Schema, the view the web's forms use): defaults are written once, in the schema.
 */
export function schemaDefaults(kind: NodeKind): Readonly<Record<string, unknown>> {
  let defaults = cache.get(kind);
  if (!defaults) {
    const schema = z.toJSONSchema(kindDefinition(kind).dataSchema, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, { default?: unknown }>;
    };
    const entries = Object.entries(schema.properties ?? {}).flatMap(([key, p]) => (p.default === undefined ? [] : [[key, p.default] as const]));
    defaults = Object.freeze(Object.fromEntries(entries));
    cache.set(kind, defaults);
  }
  return defaults;
}

/** A card's lines for a node (see KindDefinition.summary): its data over the schema's defaults. */
export function summarizeNode(kind: NodeKind, data: Readonly<Record<string, unknown>>): string[] {
  // Summaries only read: the shared defaults are spread, not copied deeply (cards render often).
  return kindDefinition(kind).summary({ ...schemaDefaults(kind), ...data });
}
