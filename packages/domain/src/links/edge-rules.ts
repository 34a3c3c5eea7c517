import type { NodeKind } from '../kinds/node-kinds.ts';
import { kindDefinition } from '../kinds/registry.ts';
import { canConnect } from './can-connect.ts';

/** A node as the edge rules read it; its data may not be valid yet (a draft on the canvas). */
export type RuleNode = { id: string; type: NodeKind; data: Record<string, unknown> };
export type RuleEdge = { source: string; target: string; sourceHandle?: string | null | undefined };

/** Why an edge is refused; `field` is the edge field at fault, when it is one. */
export type EdgeRefusal = { field?: 'source' | 'target' | 'sourceHandle'; message: string };
export type EdgeVerdict = { ok: true } | { ok: false; refusals: EdgeRefusal[] };

export type EdgeRulesOptions = {
  /** How a message names an earlier edge it conflicts with (validateGraph: `edges[3]`); default: it does not. */
  refer?: (index: number) => string;
  /** How a message names a node (the canvas says `Service “web”`); default `service "web"` (describeNode). */
  describe?: (node: RuleNode) => string;
};

export interface EdgeRules {
  /** The verdict on `edge` given the edges added so far. */
  check(edge: RuleEdge): EdgeVerdict;
  /** Checks `edge` (edge number `index` of the graph) and counts it for the edges after it. */
  add(edge: RuleEdge, index: number): EdgeVerdict;
}

type Added = { index: number; node: RuleNode };

/**
 * The edge rules of SPEC §4, written once for the server (validateGraph, edge by edge) and the
 * canvas (connectionRule): both ends exist and differ, an allowed kind pair (canConnect), one
 * namespace for namespaced ends (Kubernetes references never cross namespaces), no duplicate,
 * and the cardinalities each kind declares: `targets: 'one'` per source or per edge slot (an
 * ingress path), `exclusive` per target (one hpa per workload).
 */
export function edgeRules(nodes: Iterable<RuleNode>, options: EdgeRulesOptions = {}): EdgeRules {
  const byId = new Map<string, RuleNode>();
  for (const node of nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const seen = new Map<string, number>(); // source→target→slot: first edge index
  const slotTarget = new Map<string, Added>(); // slot with one target: its first edge
  const exclusiveSource = new Map<string, Added>(); // kind→target: its first edge
  const { refer } = options;
  const describe = options.describe ?? describeNode;

  function evaluate(edge: RuleEdge, index: number | undefined): EdgeVerdict {
    const refuse = (message: string, field?: EdgeRefusal['field']): EdgeVerdict => ({ ok: false, refusals: [field ? { field, message } : { message }] });
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      const refusals: EdgeRefusal[] = [];
      if (!source) refusals.push({ field: 'source', message: `refers to no node (id "${edge.source}")` });
      if (!target) refusals.push({ field: 'target', message: `refers to no node (id "${edge.target}")` });
      return { ok: false, refusals };
    }
    if (edge.source === edge.target) return refuse('must differ from source: a node cannot connect to itself', 'target');
    const pair = canConnect(source.type, target.type);
    if (!pair.ok) return refuse(pair.reason);
    const definition = kindDefinition(source.type);
    if (definition.objects[0].namespaced && kindDefinition(target.type).objects[0].namespaced && namespaceOf(source) !== namespaceOf(target)) {
      return refuse(
        `connects ${describe(source)} in namespace "${namespaceOf(source)}" to ${describe(target)} in namespace "${namespaceOf(target)}"; linked objects must share a namespace`,
      );
    }

    let slot = source.id;
    let what = describe(source);
    if (definition.edgeSlots) {
      const { noun, of } = definition.edgeSlots;
      const slots = of(source.data);
      const handle = edge.sourceHandle;
      const chosen = handle ? slots.find((s) => s.id === handle) : slots[0];
      if (!chosen) {
        return handle
          ? refuse(`names no ${noun} of ${describe(source)} (no ${noun} has the id "${handle}")`, 'sourceHandle')
          : refuse(`${describe(source)} has no ${noun} to route; add a ${noun} first`);
      }
      slot = `${source.id}#${chosen.id}`;
      what = `this ${noun} of ${describe(source)}`;
    }

    // Each rule below counts the edge before the next one looks (as validateGraph always did),
    // so an edge refused for cardinality still makes a later copy of it a duplicate.
    const key = `${edge.source}→${edge.target}→${slot}`;
    const duplicate = seen.get(key);
    if (duplicate !== undefined) {
      return refuse(refer ? `duplicates ${refer(duplicate)}` : `${describe(source)} is already connected to ${describe(target)}`);
    }
    if (index !== undefined) seen.set(key, index);

    if (definition.targets === 'one') {
      const previous = slotTarget.get(slot);
      if (previous) {
        return refuse(
          refer
            ? `${what} may connect to only one node; ${refer(previous.index)} already connects it to ${describe(previous.node)}`
            : `${what} may connect to only one node and already connects to ${describe(previous.node)}; remove that edge first`,
        );
      }
      if (index !== undefined) slotTarget.set(slot, { index, node: target });
    }

    if (definition.exclusive) {
      const targetKey = `${source.type}→${target.id}`;
      const previous = exclusiveSource.get(targetKey);
      if (previous) {
        const { verb, why } = definition.exclusive;
        return refuse(`${describe(target)} ${verb} ${describe(previous.node)}${refer ? ` (${refer(previous.index)})` : ''}; ${why}`);
      }
      if (index !== undefined) exclusiveSource.set(targetKey, { index, node: source });
    }
    return { ok: true };
  }

  return { check: (edge) => evaluate(edge, undefined), add: (edge, index) => evaluate(edge, index) };
}

/**
 * Whether `edge` may be added to `graph`: the canvas's isValidConnection and onConnect check,
 * the same rules validateGraph applies on save.
 */
export function connectionRule(
  graph: { nodes: Iterable<RuleNode>; edges: readonly RuleEdge[] },
  edge: RuleEdge,
  options: Pick<EdgeRulesOptions, 'describe'> = {},
): { ok: true } | { ok: false; reason: string } {
  const rules = edgeRules(graph.nodes, options);
  graph.edges.forEach((existing, index) => rules.add(existing, index));
  const verdict = rules.check(edge);
  return verdict.ok ? verdict : { ok: false, reason: verdict.refusals.map((r) => r.message).join('; ') };
}

/** `deployment "web"`, the way messages name a node. */
export function describeNode(node: RuleNode): string {
  const name = node.data.name;
  return typeof name === 'string' && name !== '' ? `${node.type} "${name}"` : `${node.type} ${node.id}`;
}

export function namespaceOf(node: RuleNode): string {
  const namespace = node.data.namespace;
  return typeof namespace === 'string' ? namespace : 'default';
}
