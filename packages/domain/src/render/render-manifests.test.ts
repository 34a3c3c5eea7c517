import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { NODE_KINDS } from '../kinds/node-kinds.ts';
import { kindRegistry } from '../kinds/registry.ts';
import { validGraphArb } from '../test-support/graph-arbitraries.ts';
import { makeEdge, makeGraph, makeNode } from '../testing/factories.ts';
import { SAMPLE_SECRET_VALUES, sampleApp } from '../testing/sample-app.ts';
import { APPLY_ORDER, applyRank, groupByApplyOrder } from './apply-order.ts';
import { checkDeployable } from './check-deployable.ts';
import { renderManifests } from './render-manifests.ts';

const ctx = { workflowId: 'wf-1' };

function renderError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('APPLY_ORDER', () => {
  it('is the SPEC §7 order and covers every kind we render', () => {
    expect(APPLY_ORDER).toEqual([
      'Namespace', 'NetworkPolicy', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Service', 'DaemonSet',
      'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'Ingress',
    ]);
    for (const kind of NODE_KINDS) for (const type of kindRegistry[kind].objects) expect(APPLY_ORDER).toContain(type.kind);
  });

  it('groups items into steps in that order', () => {
    const items = [{ kind: 'Ingress', n: 1 }, { kind: 'Secret', n: 2 }, { kind: 'Ingress', n: 3 }, { kind: 'Weird', n: 4 }];
    expect(groupByApplyOrder(items).map((g) => g.map((i) => i.n))).toEqual([[2], [1, 3], [4]]);
    expect(applyRank('Weird')).toBe(APPLY_ORDER.length);
  });
});

describe('renderManifests', () => {
  it('renders the sample app in apply order with identities lifted out', () => {
    const manifests = renderManifests(sampleApp(), { workflowId: 'wf-1', secretValues: SAMPLE_SECRET_VALUES });
    expect(manifests.map((m) => [m.kind, m.namespace, m.name, m.nodeId])).toEqual([
      ['NetworkPolicy', 'shop', 'web-ingress', 'np-1'],
      ['Secret', 'shop', 'web-secrets', 'sec-1'],
      ['ConfigMap', 'shop', 'web-config', 'cm-1'],
      ['PersistentVolumeClaim', 'shop', 'uploads', 'pvc-1'],
      ['Service', 'shop', 'web', 'svc-1'],
      ['Deployment', 'shop', 'web', 'dep-1'],
      ['HorizontalPodAutoscaler', 'shop', 'web', 'hpa-1'],
      ['Ingress', 'shop', 'shop', 'ing-1'],
    ]);
  });

  it('leaves replicas to a linked HPA', () => {
    const manifests = renderManifests(sampleApp(), { workflowId: 'wf-1', secretValues: SAMPLE_SECRET_VALUES });
    const deployment = manifests.find((m) => m.kind === 'Deployment')?.object as unknown as { spec: Record<string, unknown> };
    expect(deployment.spec).not.toHaveProperty('replicas');
  });

  it('refuses an invalid graph with every issue', () => {
    const error = renderError(() => renderManifests(makeGraph([makeNode('deployment', 'd', { name: 'Bad', image: '' })]), ctx));
    expect(error.issues.map((i) => i.path)).toEqual([['nodes', 0, 'data', 'name'], ['nodes', 0, 'data', 'image']]);
  });

  it('refuses a bad workflow id, since it becomes a label value', () => {
    expect(renderError(() => renderManifests(sampleApp(), { workflowId: 'not a label!' })).issues[0]?.path).toEqual(['workflowId']);
  });

  it('refuses a graph that saves fine but cannot deploy', () => {
    const graph = makeGraph([
      makeNode('hpa', 'h', { name: 'h' }),
      makeNode('ingress', 'i', { name: 'i', paths: [{ id: 'p', path: '/' }] }),
      makeNode('networkpolicy', 'np', { name: 'np', namespace: 'prod' }),
      makeNode('persistentvolumeclaim', 'pvc', { name: 'data' }),
      makeNode('deployment', 'd', { name: 'd', image: 'x' }),
      makeNode('secret', 's', { name: 's', entries: [{ key: 'A' }, { key: 'B' }] }),
    ], [makeEdge('e', 'pvc', 'd')]);
    expect(renderError(() => renderManifests(graph, { workflowId: 'wf', secretValues: { s: { A: 'x' } } })).issues).toEqual([
      { nodeId: 'h', path: ['nodes', 0], message: 'hpa "h" must be connected to a deployment or statefulset to scale' },
      { nodeId: 'i', path: ['nodes', 1, 'data', 'paths', 0], message: 'is not connected to a service' },
      { nodeId: 'np', path: ['nodes', 2], message: 'networkpolicy "np" must be connected to at least one workload; unconnected it would apply to every pod in namespace "prod"' },
      { nodeId: 'pvc', path: ['nodes', 3, 'data', 'mountPath'], message: 'is required to mount persistentvolumeclaim "data" into deployment "d"' },
      { nodeId: 's', path: ['nodes', 5, 'data', 'entries', 1, 'value'], message: 'has no stored value for key "B"' },
    ]);
  });

  it('renders secrets as placeholders when no values are given, and never from node data', () => {
    const graph = makeGraph([makeNode('secret', 's', { name: 's', entries: [{ key: 'A', value: 'from-the-client' }] })]);
    const preview = renderManifests(graph, ctx)[0]?.object;
    expect(preview).toMatchObject({ data: { A: '(redacted)' } });
    expect(JSON.stringify(preview)).not.toContain('from-the-client');
    expect(renderManifests(graph, { ...ctx, secretValues: { s: { A: 'real' } } })[0]?.object).toMatchObject({ data: { A: 'cmVhbA==' } });
  });

  it('injects a configmap without mountPath as environment, and one with it as a read-only volume', () => {
    const graph = makeGraph(
      [
        makeNode('configmap', 'env', { name: 'env' }),
        makeNode('configmap', 'files', { name: 'files', mountPath: '/etc/files' }),
        makeNode('job', 'j', { name: 'j', image: 'x' }),
      ],
      [makeEdge('e1', 'env', 'j'), makeEdge('e2', 'files', 'j')],
    );
    const job = renderManifests(graph, ctx).find((m) => m.kind === 'Job')?.object as unknown as { spec: { template: { spec: Record<string, unknown> } } };
    expect(job.spec.template.spec).toMatchObject({
      containers: [{ envFrom: [{ configMapRef: { name: 'env' } }], volumeMounts: [{ name: 'cm-files', mountPath: '/etc/files', readOnly: true }] }],
      volumes: [{ name: 'cm-files', configMap: { name: 'files' } }],
    });
  });

  it('keeps volume names unique and within 63 characters', () => {
    const long = 'a'.repeat(62);
    const graph = makeGraph(
      [
        makeNode('configmap', 'c1', { name: `${long}1`, mountPath: '/a' }),
        makeNode('configmap', 'c2', { name: `${long}2`, mountPath: '/b' }),
        makeNode('deployment', 'd', { name: 'd', image: 'x' }),
      ],
      [makeEdge('e1', 'c1', 'd'), makeEdge('e2', 'c2', 'd')],
    );
    const deployment = renderManifests(graph, ctx).find((m) => m.kind === 'Deployment')?.object as unknown as { spec: { template: { spec: { volumes: { name: string }[] } } } };
    const names = deployment.spec.template.spec.volumes.map((v) => v.name);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });
});

describe('renderManifests properties', () => {
  type Obj = { kind: string; metadata: { labels: Record<string, string> }; spec?: Record<string, unknown> };
  const deployable = validGraphArb().filter((g) => checkDeployable(g).length === 0);

  it('labels every object for ownership, and every selector matches its pods', () => {
    fc.assert(
      fc.property(deployable, (graph) => {
        const manifests = renderManifests(graph, ctx);
        for (const m of manifests) {
          const object = m.object as unknown as Obj;
          expect(object.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'kubeorch', 'kubeorch.io/workflow': 'wf-1', 'kubeorch.io/node': m.nodeId });
          const spec = object.spec as { selector?: { matchLabels?: Record<string, string> }; template?: { metadata: { labels: Record<string, string> } } } | undefined;
          if (spec?.template && spec.selector?.matchLabels) expect(spec.template.metadata.labels).toMatchObject(spec.selector.matchLabels);
        }
        for (const m of manifests.filter((x) => x.kind === 'Service')) {
          const selector = (m.object.spec as { selector?: Record<string, string> }).selector;
          if (!selector) continue;
          const pods = manifests.find((w) => w.nodeId === selector['kubeorch.io/node'] && w.kind !== 'Service');
          expect((pods?.object.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels).toMatchObject(selector);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('is sorted in apply order and does not depend on node order', () => {
    fc.assert(
      fc.property(deployable.chain((g) => fc.tuple(fc.constant(g), fc.shuffledSubarray(g.nodes, { minLength: g.nodes.length }))), ([graph, nodes]) => {
        const manifests = renderManifests(graph, ctx);
        const ranks = manifests.map((m) => applyRank(m.kind));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(renderManifests({ ...graph, nodes }, ctx)).toEqual(manifests);
      }),
      { numRuns: 50 },
    );
  });
});
