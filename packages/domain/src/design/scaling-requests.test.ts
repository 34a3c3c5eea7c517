import { describe, expect, it } from 'vitest';
import { applyNodePatch } from '../diagnostics/apply-node-patch.ts';
import { createNodeOfKind } from '../graph/create-node.ts';
import { validateGraph } from '../graph/validate-graph.ts';
import { WORKLOAD_KINDS } from '../kinds/node-kinds.ts';
import { checkDeployable } from '../render/check-deployable.ts';
import { makeEdge, makeGraph, makeNode } from '../testing/factories.ts';
import { scalingRequestGaps } from './scaling-requests.ts';

const linked = (graph: ReturnType<typeof makeGraph>) => {
  const v = validateGraph(graph);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.graph;
};

// A palette Deployment (before defaults had requests) scaled by a palette HPA (CPU 80%).
const bare = () =>
  makeGraph(
    [makeNode('deployment', 'web', { name: 'web', image: 'nginx:1.27' }), makeNode('hpa', 'scale', { name: 'scale', targetCPUUtilizationPercentage: 80 })],
    [makeEdge('e1', 'scale', 'web')],
  );

describe('an autoscaler needs the request it measures on its target', () => {
  it('finds the missing cpu request, on the edge, with a fix that closes it', () => {
    const graph = linked(bare());
    const [gap, ...rest] = scalingRequestGaps(graph);
    expect(rest).toEqual([]);
    expect(gap).toMatchObject({ hpaId: 'scale', targetId: 'web', edgeId: 'e1', resource: 'cpu', fix: { patch: { nodeId: 'web', set: [{ path: ['resources', 'requests', 'cpu'], value: '100m' }] } } });
    expect(scalingRequestGaps(linked(applyNodePatch(graph, gap!.fix.patch)))).toEqual([]);
  });

  it('memory too when it scales on memory; nothing without a target', () => {
    const g = bare();
    g.nodes[1]!.data.targetMemoryUtilizationPercentage = 70;
    expect(scalingRequestGaps(linked(g)).map((x) => x.resource)).toEqual(['cpu', 'memory']);
    expect(scalingRequestGaps(linked(makeGraph([makeNode('hpa', 'h', { name: 'h' })])))).toEqual([]);
  });

  it('is a reason a run refuses at once, naming the field, instead of failing after applying', () => {
    const graph = linked(bare());
    expect(checkDeployable(graph)).toEqual([
      { nodeId: 'web', path: ['nodes', 0, 'data', 'resources', 'requests', 'cpu'], message: expect.stringMatching(/^is required: "scale" scales "web" on cpu utilization/) },
    ]);
  });

  it.each(WORKLOAD_KINDS)('a new %s from the palette requests cpu and memory, so a palette HPA can scale it', (kind) => {
    const node = createNodeOfKind(kind, { id: 'w', position: { x: 0, y: 0 } });
    expect(node.data.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
  });
});
