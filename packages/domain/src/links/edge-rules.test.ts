import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../graph/validate-graph.ts';
import { graphArb } from '../test-support/graph-arbitraries.ts';
import { makeEdge, makeGraph, makeNode } from '../testing/factories.ts';
import { connectionRule } from './edge-rules.ts';

const web = makeNode('deployment', 'web', { name: 'web', image: 'nginx:1.27' });
const api = makeNode('deployment', 'api', { name: 'api', image: 'nginx:1.27' });
const hpa = (id: string) => makeNode('hpa', id, { name: id, minReplicas: 1, maxReplicas: 3 });
const svc = (id: string) => makeNode('service', id, { name: id, port: 80 });
const ingress = makeNode('ingress', 'ing', { name: 'ing', paths: [{ id: 'root', path: '/' }, { id: 'api', path: '/api' }] });

describe('connectionRule (the canvas check)', () => {
  it('refuses a second autoscaler on one workload', () => {
    const graph = makeGraph([web, hpa('h1'), hpa('h2')], [makeEdge('e1', 'h1', 'web')]);
    expect(connectionRule(graph, { source: 'h2', target: 'web' })).toEqual({
      ok: false,
      reason: 'deployment "web" is already scaled by hpa "h1"; two autoscalers would fight',
    });
    expect(connectionRule(makeGraph([web, api, hpa('h1'), hpa('h2')], [makeEdge('e1', 'h1', 'web')]), { source: 'h2', target: 'api' })).toEqual({ ok: true });
  });

  it('refuses a second target of a service, a copy of an edge, and another namespace', () => {
    const graph = makeGraph([web, api, svc('s')], [makeEdge('e1', 's', 'web')]);
    expect(connectionRule(graph, { source: 's', target: 'api' })).toEqual({
      ok: false,
      reason: 'service "s" may connect to only one node and already connects to deployment "web"; remove that edge first',
    });
    expect(connectionRule(graph, { source: 's', target: 'web' })).toEqual({ ok: false, reason: 'service "s" is already connected to deployment "web"' });
    const prod = makeNode('deployment', 'prod', { name: 'prod', namespace: 'prod', image: 'nginx:1.27' });
    expect(connectionRule(makeGraph([prod, svc('s')]), { source: 's', target: 'prod' })).toMatchObject({ ok: false, reason: expect.stringContaining('must share a namespace') });
  });

  it('gives each ingress path one service, the first path to an edge without handle', () => {
    const graph = makeGraph([ingress, svc('a'), svc('b')], [makeEdge('e1', 'ing', 'a')]);
    expect(connectionRule(graph, { source: 'ing', target: 'b', sourceHandle: 'root' })).toMatchObject({ ok: false, reason: expect.stringContaining('this path of ingress "ing" may connect to only one node') });
    expect(connectionRule(graph, { source: 'ing', target: 'b', sourceHandle: 'api' })).toEqual({ ok: true });
    expect(connectionRule(graph, { source: 'ing', target: 'b', sourceHandle: 'nope' })).toEqual({ ok: false, reason: 'names no path of ingress "ing" (no path has the id "nope")' });
  });

  it('says what may connect to what', () => {
    expect(connectionRule(makeGraph([ingress, web]), { source: 'ing', target: 'web' })).toMatchObject({ ok: false, reason: expect.stringContaining('ingress cannot connect to deployment') });
    expect(connectionRule(makeGraph([web]), { source: 'web', target: 'web' })).toMatchObject({ ok: false });
    expect(connectionRule(makeGraph([web]), { source: 'web', target: 'gone' })).toMatchObject({ ok: false, reason: 'refers to no node (id "gone")' });
  });

  // Mount clashes and cycles depend on data edited later (a mount path), so the canvas lets such
  // an edge be drawn and shows validateGraph's issue; every other refusal is the same rule.
  const laterCheck = /^(mounts |closes a cycle)/;

  it('accepts an edge exactly when validateGraph would accept it after the edges before it', () => {
    fc.assert(
      fc.property(graphArb(8, 12), (graph) => {
        graph.edges.forEach((edge, i) => {
          const before = graph.edges.slice(0, i);
          const server = validateGraph({ nodes: graph.nodes, edges: [...before, edge] });
          const edgeIssues = server.ok ? [] : server.issues.filter((issue) => issue.path[0] === 'edges' && issue.path[1] === i && !laterCheck.test(issue.message));
          expect(connectionRule({ nodes: graph.nodes, edges: before }, edge).ok, `edges[${i}] ${JSON.stringify(edgeIssues)} ${JSON.stringify(edge)}`).toBe(edgeIssues.length === 0);
        });
      }),
      { numRuns: 150 },
    );
  });
});
