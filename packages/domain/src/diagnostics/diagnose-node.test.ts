import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../kinds/node-kinds.ts';
import { DETECTORS, diagnoseNode } from './diagnose-node.ts';
import { diagnoseTwice, graphWith, NOW, observedFrom, REGCRED } from './testdata/fixtures.ts';

describe('diagnoseNode', () => {
  it('lists errors first, keeps detector order within a severity, and is deterministic', () => {
    const graph = graphWith({ 'dep-1': ({ resources: _, ...d }) => d }, [REGCRED]);
    const fixtures = ['pod-imagepull-unauthorized', 'pod-oomkilled', 'pod-crashloop', 'pod-unschedulable-just-now', 'pod-missing-configmap-key'];
    const [first, second] = diagnoseTwice(graph, 'dep-1', fixtures);
    expect(first).toEqual(second);
    expect(first.map((f) => `${f.severity} ${f.id}`)).toEqual([
      'error image-pull.unauthorized:web',
      'error config.key-missing:configmap:web-config:LOG_FORMAT',
      'error oom-killed:web',
      'error crash-loop:web',
      'warning unschedulable.insufficient-resources:dep-1',
    ]);
  });

  it('gives the same findings whatever the order of the observed objects', () => {
    const graph = graphWith({}, [REGCRED]);
    const node = graph.nodes.find((n) => n.id === 'dep-1')!;
    const observed = observedFrom(graph, 'dep-1', ['pod-crashloop', 'pod-crashloop-exit-127', 'pod-errimagepull', 'pod-imagepull-unreachable']);
    const reversed = { ...observed, pods: [...(observed.pods ?? [])].reverse() };
    expect(diagnoseNode({ node, graph, observed: reversed, now: NOW })).toEqual(diagnoseNode({ node, graph, observed, now: NOW }));
  });

  it('has detectors for every kind and finds nothing on a node that was never deployed', () => {
    const graph = graphWith();
    expect(Object.keys(DETECTORS).sort()).toEqual([...NODE_KINDS].sort());
    for (const node of graph.nodes) {
      expect(diagnoseNode({ node, graph, observed: { main: [] }, now: NOW }), node.id).toEqual([]);
    }
  });
});
