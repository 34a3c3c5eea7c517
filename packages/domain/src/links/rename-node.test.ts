import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { validateGraph } from '../graph/validate-graph.ts';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { makeEdge, makeGraph, makeNode } from '../testing/factories.ts';
import { sampleApp } from '../testing/sample-app.ts';
import { renameNode } from './rename-node.ts';

const dataOf = (graph: WorkflowGraph, id: string) => graph.nodes.find((n) => n.id === id)?.data;

describe('renameNode', () => {
  it('renames a deployment and every link that names it', () => {
    const graph = renameNode(sampleApp(), 'dep-1', 'storefront');
    const selector = { 'app.kubernetes.io/name': 'storefront', 'kubeorch.io/node': 'dep-1' };
    expect(dataOf(graph, 'dep-1')?.name).toBe('storefront');
    expect(dataOf(graph, 'svc-1')?._linkedDeployment).toMatchObject({ name: 'storefront', selector });
    expect(dataOf(graph, 'hpa-1')?._linkedDeployment).toMatchObject({ name: 'storefront' });
    expect(dataOf(graph, 'np-1')?._linkedWorkloads).toEqual([{ nodeId: 'dep-1', name: 'storefront', kind: 'deployment', podLabels: selector }]);
    expect(validateGraph(graph).ok).toBe(true);
  });

  it('renames a service behind an ingress path, and a mounted configmap', () => {
    let graph = renameNode(sampleApp(), 'svc-1', 'frontend');
    graph = renameNode(graph, 'cm-1', 'settings');
    expect((dataOf(graph, 'ing-1')?.paths as { _linkedService: unknown }[])[0]?._linkedService).toEqual({ nodeId: 'svc-1', name: 'frontend', port: 80 });
    expect(dataOf(graph, 'dep-1')?._linkedConfigMaps).toEqual([{ nodeId: 'cm-1', name: 'settings', mountPath: '/etc/shop' }]);
  });

  it('renames by-name references to a secret in the same namespace only', () => {
    const graph = makeGraph([
      makeNode('secret', 's', { name: 'tls', namespace: 'a', secretType: 'kubernetes.io/tls', entries: [{ key: 'tls.crt' }, { key: 'tls.key' }] }),
      makeNode('ingress', 'i1', { name: 'i', namespace: 'a', tls: [{ hosts: ['x.example.com'], secretName: 'tls' }, { hosts: [], secretName: 'other' }] }),
      makeNode('ingress', 'i2', { name: 'i', namespace: 'b', tls: [{ hosts: [], secretName: 'tls' }] }),
      makeNode('deployment', 'd', { name: 'd', namespace: 'a', image: 'x', imagePullSecrets: ['tls', 'regcred'] }),
    ]);
    const renamed = renameNode(graph, 's', 'web-tls');
    expect(dataOf(renamed, 'i1')?.tls).toEqual([{ hosts: ['x.example.com'], secretName: 'web-tls' }, { hosts: [], secretName: 'other' }]);
    expect(dataOf(renamed, 'i2')?.tls).toEqual([{ hosts: [], secretName: 'tls' }]);
    expect(dataOf(renamed, 'd')?.imagePullSecrets).toEqual(['web-tls', 'regcred']);
  });

  it('checks the name against the node’s kind', () => {
    const graph = makeGraph([makeNode('service', 's', { name: 'web' }), makeNode('deployment', 'd', { name: 'web', image: 'x' })], [makeEdge('e', 's', 'd')]);
    expect(() => renameNode(graph, 's', '9web')).toThrowError(ValidationError);
    try {
      renameNode(graph, 's', '9web');
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([
        { nodeId: 's', path: ['nodes', 0, 'data', 'name'], message: expect.stringContaining('must be a DNS-1035 label') },
      ]);
    }
    expect(dataOf(renameNode(graph, 'd', '9web'), 'd')?.name).toBe('9web');
  });

  it('refuses an unknown node id', () => {
    expect(() => renameNode(sampleApp(), 'nope', 'x')).toThrowError('nodeId: no node has the id "nope"');
  });
});
