import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { graphArb } from '../test-support/graph-arbitraries.ts';
import { makeEdge, makeGraph, makeNode } from '../testing/factories.ts';
import { sampleApp } from '../testing/sample-app.ts';
import { recomputeLinks } from '../links/recompute-links.ts';
import { compareGraphs, type GraphDiff } from './compare-graphs.ts';

const EMPTY: GraphDiff = {
  nodes: { added: [], removed: [], modified: [] },
  edges: { added: [], removed: [], modified: [] },
  summary: { added: 0, removed: 0, modified: 0 },
};

function edit(graph: WorkflowGraph, id: string, change: (data: Record<string, unknown>) => Record<string, unknown>): WorkflowGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, data: change(structuredClone(n.data)) } : n)) };
}

describe('compareGraphs', () => {
  it('reports added, removed and modified nodes and edges with field paths', () => {
    const a = sampleApp();
    let b = edit(a, 'dep-1', (d) => ({ ...d, replicas: 3, env: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'NEW', value: '1' }] }));
    b = { ...b, nodes: [...b.nodes.filter((n) => n.id !== 'np-1'), makeNode('job', 'job-1', { name: 'migrate', image: 'x' })] };
    b = { ...b, edges: [...b.edges.filter((e) => e.id !== 'e-np-dep' && e.id !== 'e-cm-dep'), makeEdge('e-cm-dep', 'cm-1', 'job-1')] };

    expect(compareGraphs(a, b)).toEqual({
      nodes: {
        added: [{ id: 'job-1', type: 'job', name: 'migrate' }],
        removed: [{ id: 'np-1', type: 'networkpolicy', name: 'web-ingress' }],
        modified: [
          {
            id: 'dep-1',
            type: 'deployment',
            name: 'web',
            changes: [
              { path: 'data.env[0].value', old: 'info', new: 'debug' },
              { path: 'data.env[1]', old: undefined, new: { name: 'NEW', value: '1' } },
              { path: 'data.replicas', old: 2, new: 3 },
            ],
          },
        ],
      },
      edges: {
        added: [],
        removed: [{ id: 'e-np-dep', source: 'np-1', target: 'dep-1' }],
        modified: [{ id: 'e-cm-dep', changes: [{ path: 'target', old: 'dep-1', new: 'job-1' }] }],
      },
      summary: { added: 1, removed: 2, modified: 2 },
    });
  });

  it('ignores runtime status, linked fields and view state', () => {
    const a = sampleApp();
    const b = recomputeLinks(edit(a, 'dep-1', (d) => ({ ...d, _status: 'running', _health: { state: 'healthy' } })));
    const withViewState = { ...b, nodes: b.nodes.map((n) => ({ ...n, selected: true, measured: { width: 3, height: 4 } })) };
    expect(compareGraphs(a, withViewState)).toEqual(EMPTY);
  });

  it('reports moves only when asked, as position paths', () => {
    const a = sampleApp();
    const b = { ...a, nodes: a.nodes.map((n) => (n.id === 'svc-1' ? { ...n, position: { x: 250, y: 0 } } : n)) };
    expect(compareGraphs(a, b)).toEqual(EMPTY);
    expect(compareGraphs(a, b, { includePosition: true }).nodes.modified).toEqual([
      { id: 'svc-1', type: 'service', name: 'web', changes: [{ path: 'position.x', old: 200, new: 250 }] },
    ]);
  });

  it('quotes keys that are not identifiers', () => {
    const a = sampleApp();
    const b = edit(a, 'cm-1', (d) => ({ ...d, data: { 'app.yaml': 'currency: USD\n' } }));
    expect(compareGraphs(a, b).nodes.modified[0]?.changes).toEqual([{ path: 'data.data["app.yaml"]', old: 'currency: EUR\n', new: 'currency: USD\n' }]);
  });

  it('never shows secret values', () => {
    const secret = (entries: unknown[]) => makeGraph([makeNode('secret', 's', { name: 's', entries })]);
    const a = secret([{ key: 'A', value: 'alpha-secret' }, { key: 'B', value: 'beta-secret' }]);
    const b = secret([{ key: 'A', value: 'alpha-changed' }, { key: 'B' }, { key: 'C', value: 'gamma-secret' }]);
    const diff = compareGraphs(a, b);
    expect(diff.nodes.modified[0]?.changes).toEqual([
      { path: 'data.entries[0].value', old: '(hidden)', new: '(changed)' },
      { path: 'data.entries[1].value', old: '(hidden)', new: undefined },
      { path: 'data.entries[2]', old: undefined, new: { key: 'C', value: '(hidden)' } },
    ]);
    expect(JSON.stringify(compareGraphs(b, a))).not.toMatch(/alpha|beta|gamma/);
    expect(compareGraphs(secret([{ key: 'A' }]), secret([{ key: 'A', value: 'x' }])).nodes.modified[0]?.changes).toEqual([
      { path: 'data.entries[0].value', old: undefined, new: '(set)' },
    ]);
  });

  it('treats a missing handle like a null one', () => {
    const a = makeGraph([], [makeEdge('e', 'x', 'y')]);
    const b = makeGraph([], [{ ...makeEdge('e', 'x', 'y'), sourceHandle: null }]);
    expect(compareGraphs(a, b)).toEqual(EMPTY);
  });
});

describe('compareGraphs properties', () => {
  const shuffled = (graph: WorkflowGraph) =>
    fc.tuple(fc.shuffledSubarray(graph.nodes, { minLength: graph.nodes.length }), fc.shuffledSubarray(graph.edges, { minLength: graph.edges.length })).map(
      ([nodes, edges]) => ({ nodes, edges }),
    );

  it('a graph compared with itself is empty', () => {
    fc.assert(
      fc.property(graphArb(), (graph) => {
        expect(compareGraphs(graph, structuredClone(graph), { includePosition: true })).toEqual(EMPTY);
      }),
    );
  });

  it('is deterministic: input order does not change the output', () => {
    fc.assert(
      fc.property(
        graphArb().chain((a) => graphArb().chain((b) => fc.tuple(fc.constant(a), fc.constant(b), shuffled(a), shuffled(b)))),
        ([a, b, a2, b2]) => {
          expect(compareGraphs(a2, b2)).toEqual(compareGraphs(a, b));
        },
      ),
    );
  });

  it('swapping the arguments swaps added and removed, and old and new', () => {
    fc.assert(
      fc.property(graphArb(), graphArb(), (a, b) => {
        const forward = compareGraphs(a, b, { includePosition: true });
        const backward = compareGraphs(b, a, { includePosition: true });
        expect(backward.nodes.added).toEqual(forward.nodes.removed);
        expect(backward.nodes.removed).toEqual(forward.nodes.added);
        expect(backward.edges.added).toEqual(forward.edges.removed);
        expect(backward.edges.removed).toEqual(forward.edges.added);
        expect(backward.summary).toEqual({ ...forward.summary, added: forward.summary.removed, removed: forward.summary.added });
        expect(backward.nodes.modified.map((m) => m.id)).toEqual(forward.nodes.modified.map((m) => m.id));
        const swapped = (changes: { path: string; old: unknown; new: unknown }[]) => changes.map((c) => ({ path: c.path, old: c.new, new: c.old }));
        forward.nodes.modified.forEach((m, i) => {
          if (m.type !== 'secret') expect(backward.nodes.modified[i]?.changes).toEqual(swapped(m.changes));
        });
        forward.edges.modified.forEach((m, i) => expect(backward.edges.modified[i]?.changes).toEqual(swapped(m.changes)));
      }),
    );
  });

  it('position-only changes appear only when asked', () => {
    fc.assert(
      fc.property(
        graphArb(),
        fc.array(fc.record({ dx: fc.integer({ min: -50, max: 50 }), dy: fc.integer({ min: -50, max: 50 }) }), { minLength: 10, maxLength: 10 }),
        (a, moves) => {
          const b = { ...a, nodes: a.nodes.map((n, i) => ({ ...n, position: { x: n.position.x + (moves[i]?.dx ?? 0), y: n.position.y + (moves[i]?.dy ?? 0) } })) };
          expect(compareGraphs(a, b)).toEqual(EMPTY);
          const moved = a.nodes.filter((n, i) => n.position.x !== b.nodes[i]?.position.x || n.position.y !== b.nodes[i]?.position.y).map((n) => n.id);
          const withPosition = compareGraphs(a, b, { includePosition: true });
          expect(withPosition.nodes.modified.map((m) => m.id)).toEqual([...moved].sort());
          for (const m of withPosition.nodes.modified) for (const c of m.changes) expect(['position.x', 'position.y']).toContain(c.path);
        },
      ),
    );
  });

  it('never leaks a secret value', () => {
    const entries = fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), value: fc.option(fc.stringMatching(/^[a-z]{4,8}$/).map((s) => `SECRET-${s}`), { nil: undefined }) }), { maxLength: 4 });
    fc.assert(
      fc.property(entries, entries, fc.constantFrom('secret', 'configmap'), (x, y, otherType) => {
        const a = makeGraph([makeNode('secret', 's', { name: 's', entries: x })]);
        const b = makeGraph([makeNode(otherType as 'secret', 's', { name: 's', entries: y })]);
        expect(JSON.stringify(compareGraphs(a, b))).not.toContain('SECRET-');
        expect(JSON.stringify(compareGraphs(b, a))).not.toContain('SECRET-');
      }),
    );
  });
});
