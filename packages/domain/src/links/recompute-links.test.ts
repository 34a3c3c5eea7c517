import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../graph/validate-graph.ts';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { graphArb, graphWithNewEdgeArb } from '../test-support/graph-arbitraries.ts';
import { makeEdge, makeGraph, makeNode } from '../testing/factories.ts';
import { sampleApp } from '../testing/sample-app.ts';
import { recomputeLinks } from './recompute-links.ts';

const dataOf = (graph: WorkflowGraph, id: string) => graph.nodes.find((n) => n.id === id)?.data;

describe('recomputeLinks on the sample app', () => {
  const graph = recomputeLinks(sampleApp());
  const selector = { 'app.kubernetes.io/name': 'web', 'kubeorch.io/node': 'dep-1' };

  it('links the service to the deployment', () => {
    expect(dataOf(graph, 'svc-1')?._linkedDeployment).toEqual({ nodeId: 'dep-1', name: 'web', kind: 'deployment', selector, targetPort: 8080 });
  });

  it('links the ingress path to the service', () => {
    expect(dataOf(graph, 'ing-1')?.paths).toEqual([
      { id: 'root', path: '/', pathType: 'Prefix', _linkedService: { nodeId: 'svc-1', name: 'web', port: 80 } },
    ]);
  });

  it('links the hpa both ways, and mounts, and the policy', () => {
    expect(dataOf(graph, 'hpa-1')?._linkedDeployment).toEqual({ nodeId: 'dep-1', name: 'web', kind: 'deployment' });
    const dep = dataOf(graph, 'dep-1');
    expect(dep?._linkedHPA).toEqual({ nodeId: 'hpa-1', name: 'web' });
    expect(dep?._linkedConfigMaps).toEqual([{ nodeId: 'cm-1', name: 'web-config', mountPath: '/etc/shop' }]);
    expect(dep?._linkedSecrets).toEqual([{ nodeId: 'sec-1', name: 'web-secrets' }]);
    expect(dep?._linkedPVCs).toEqual([{ nodeId: 'pvc-1', name: 'uploads', mountPath: '/var/uploads', volumeMode: 'Filesystem' }]);
    expect(dataOf(graph, 'np-1')?._linkedWorkloads).toEqual([{ nodeId: 'dep-1', name: 'web', kind: 'deployment', podLabels: selector }]);
  });

  it('never touches user fields', () => {
    const before = sampleApp();
    for (const node of graph.nodes) {
      const original = before.nodes.find((n) => n.id === node.id);
      const userKeys = Object.keys(node.data).filter((k) => !k.startsWith('_linked'));
      expect(Object.fromEntries(userKeys.map((k) => [k, node.data[k]]))).toEqual(
        node.type === 'ingress' ? { ...original?.data, paths: node.data.paths } : original?.data,
      );
    }
  });

  it('does not mutate its input', () => {
    const input = sampleApp();
    recomputeLinks(input);
    expect(input).toEqual(sampleApp());
  });
});

describe('recomputeLinks: edges are the source of truth', () => {
  it('replaces client-sent linked fields', () => {
    const graph = makeGraph([
      makeNode('service', 's', { name: 's', _linkedDeployment: { nodeId: 'x', name: 'forged' } }),
      makeNode('deployment', 'd', { name: 'd', image: 'x', _linkedSecrets: [{ nodeId: 'x', name: 'forged' }] }),
    ]);
    const result = recomputeLinks(graph);
    expect(dataOf(result, 's')).toEqual({ name: 's' });
    expect(dataOf(result, 'd')).toEqual({ name: 'd', image: 'x' });
  });

  it('routes an ingress edge without sourceHandle to the first path', () => {
    const graph = makeGraph(
      [makeNode('ingress', 'i', { name: 'i', paths: [{ id: 'a', path: '/' }, { id: 'b', path: '/b' }] }), makeNode('service', 's', { name: 's', port: 8080 })],
      [makeEdge('e', 'i', 's')],
    );
    expect(dataOf(recomputeLinks(graph), 'i')?.paths).toEqual([
      { id: 'a', path: '/', _linkedService: { nodeId: 's', name: 's', port: 8080 } },
      { id: 'b', path: '/b' },
    ]);
  });

  it('ignores edges that validation refuses', () => {
    const graph = makeGraph(
      [makeNode('deployment', 'd', { name: 'd', image: 'x' }), makeNode('configmap', 'c', { name: 'c' })],
      [makeEdge('e1', 'd', 'c'), makeEdge('e2', 'c', 'ghost'), makeEdge('e3', 'c', 'c')],
    );
    expect(recomputeLinks(graph).nodes.map((n) => n.data)).toEqual(graph.nodes.map((n) => n.data));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(graphArb(), (graph) => {
        const once = recomputeLinks(graph);
        expect(recomputeLinks(once)).toEqual(once);
      }),
    );
  });

  it('adding then deleting an edge restores every node’s data', () => {
    fc.assert(
      fc.property(graphWithNewEdgeArb, fc.nat(), ({ graph, edge }, at) => {
        fc.pre(edge !== undefined);
        if (!edge) return;
        const before = recomputeLinks(graph);
        const edges = [...graph.edges];
        edges.splice(at % (edges.length + 1), 0, edge);
        const withEdge = recomputeLinks({ nodes: graph.nodes, edges });
        const after = recomputeLinks({ nodes: withEdge.nodes, edges: withEdge.edges.filter((e) => e.id !== edge.id) });
        expect(after.nodes).toEqual(before.nodes);
      }),
    );
  });

  it('an added edge sets links on its two ends only', () => {
    fc.assert(
      fc.property(graphWithNewEdgeArb, ({ graph, edge }) => {
        fc.pre(edge !== undefined);
        if (!edge) return;
        const before = recomputeLinks(graph);
        const after = recomputeLinks({ nodes: graph.nodes, edges: [...graph.edges, edge] });
        after.nodes.forEach((node, i) => {
          if (node.id !== edge.source && node.id !== edge.target) expect(node).toEqual(before.nodes[i]);
        });
      }),
    );
  });

  it('forged linked fields never survive', () => {
    fc.assert(
      fc.property(graphArb(), fc.dictionary(fc.constantFrom('_linkedDeployment', '_linkedSecrets', '_linkedWorkloads', '_linkedHPA'), fc.jsonValue()), (graph, forged) => {
        const tampered = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, data: { ...n.data, ...forged } })) };
        expect(recomputeLinks(tampered)).toEqual(recomputeLinks(graph));
      }),
    );
  });

  it('agrees with validateGraph on valid graphs', () => {
    fc.assert(
      fc.property(graphArb(), (graph) => {
        const result = validateGraph(graph);
        if (result.ok) expect(recomputeLinks(result.graph)).toEqual(result.graph);
      }),
    );
  });
});
