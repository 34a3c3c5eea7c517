import fc from 'fast-check';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import { NODE_KINDS, type NodeKind } from '../kinds/node-kinds.ts';
import { newNodeData } from '../graph/create-node.ts';
import { canConnect } from '../links/can-connect.ts';
import { validateGraph } from '../graph/validate-graph.ts';

// Random graphs for property tests: nodes of every kind built as the palette builds them, and
// edges drawn mostly from allowed pairs (plus some that validation would refuse).

const nodeArb = (index: number): fc.Arbitrary<WorkflowNode> =>
  fc
    .record({
      type: fc.constantFrom(...NODE_KINDS),
      x: fc.integer({ min: -1000, max: 1000 }),
      y: fc.integer({ min: -1000, max: 1000 }),
      replicas: fc.integer({ min: 0, max: 5 }),
      mountPath: fc.option(fc.constantFrom('/etc/a', '/etc/b', '/data'), { nil: undefined }),
      extraPath: fc.boolean(),
    })
    .map(({ type, x, y, replicas, mountPath, extraPath }) => {
      const data = newNodeData(type, `${type.slice(0, 3)}${index}`);
      if ('replicas' in data) data.replicas = replicas;
      if (type === 'configmap' || type === 'secret' || type === 'persistentvolumeclaim') {
        if (mountPath === undefined) delete data.mountPath;
        else data.mountPath = mountPath;
      }
      if (type === 'ingress' && extraPath) {
        data.paths = [...(data.paths as unknown[]), { id: 'api', path: '/api', pathType: 'Prefix' }];
      }
      return { id: `n${index}`, type, position: { x, y }, data };
    });

export const nodesArb = (max = 10): fc.Arbitrary<WorkflowNode[]> =>
  fc.integer({ min: 0, max }).chain((n) => (n === 0 ? fc.constant([]) : fc.tuple(...Array.from({ length: n }, (_, i) => nodeArb(i)))));

function edgeArb(nodes: WorkflowNode[]): fc.Arbitrary<WorkflowEdge | undefined> {
  const allowed: [WorkflowNode, WorkflowNode][] = [];
  for (const s of nodes) for (const t of nodes) if (s !== t && canConnect(s.type, t.type).ok) allowed.push([s, t]);
  const pick = allowed.length > 0 ? fc.constantFrom(...allowed) : fc.constant(undefined);
  const any = nodes.length > 0 ? fc.tuple(fc.constantFrom(...nodes), fc.constantFrom(...nodes)) : fc.constant(undefined);
  return fc
    .tuple(fc.oneof({ weight: 4, arbitrary: pick }, { weight: 1, arbitrary: any }), fc.constantFrom(undefined, 'root', 'api'))
    .map(([pair, handle]) => {
      if (!pair) return undefined;
      const [s, t] = pair;
      const edge: WorkflowEdge = { id: '', source: s.id, target: t.id };
      if (handle !== undefined && s.type === 'ingress') edge.sourceHandle = handle;
      return edge;
    });
}

export const graphArb = (maxNodes = 10, maxEdges = 15): fc.Arbitrary<WorkflowGraph> =>
  nodesArb(maxNodes).chain((nodes) =>
    fc.array(edgeArb(nodes), { maxLength: maxEdges }).map((edges) => ({
      nodes,
      edges: edges.filter((e) => e !== undefined).map((e, i) => ({ ...e, id: `e${i}` })),
    })),
  );

/** A graph plus one allowed edge that is not in it yet (or undefined if none is possible). */
export const graphWithNewEdgeArb = graphArb().chain((graph) =>
  edgeArb(graph.nodes).map((edge) => ({
    graph,
    edge:
      edge && canConnect(kindOf(graph, edge.source), kindOf(graph, edge.target)).ok && edge.source !== edge.target
        ? { ...edge, id: 'new-edge' }
        : undefined,
  })),
);

function kindOf(graph: WorkflowGraph, id: string): NodeKind {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node.type;
}

/**
 * A graph that validateGraph accepts, already normalized: edges are kept greedily while the
 * graph stays valid, so the result is rich in links rather than mostly refused.
 */
export const validGraphArb = (maxNodes = 10, maxEdges = 15): fc.Arbitrary<WorkflowGraph> =>
  graphArb(maxNodes, maxEdges).map((graph) => {
    const kept: WorkflowEdge[] = [];
    for (const edge of graph.edges) {
      if (validateGraph({ nodes: graph.nodes, edges: [...kept, edge] }).ok) kept.push(edge);
    }
    const result = validateGraph({ nodes: graph.nodes, edges: kept });
    if (!result.ok) throw new Error(`generated nodes are invalid: ${JSON.stringify(result.issues)}`);
    return result.graph;
  });
