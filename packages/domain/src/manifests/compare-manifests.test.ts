import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderManifests } from '../render/render-manifests.ts';
import type { RenderedManifest } from '../render/rendered-manifest.ts';
import { makeGraph, makeNode } from '../testing/factories.ts';
import { SAMPLE_SECRET_VALUES, sampleApp } from '../testing/sample-app.ts';
import { compareManifests } from './compare-manifests.ts';
import { memoizedManifestText } from './manifest-text.ts';

const render = (graph = sampleApp(), secretValues: Record<string, Record<string, string>> = SAMPLE_SECRET_VALUES) =>
  renderManifests(graph, { workflowId: 'wf-1', secretValues });

describe('compareManifests', () => {
  it('finds nothing between equal sets', () => {
    const manifests = render();
    expect(compareManifests(manifests, render())).toEqual({ added: [], removed: [], changed: [], unchanged: manifests.length });
  });

  it('reports a changed object with a unified diff of its YAML', () => {
    const graph = sampleApp();
    const b = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'svc-1' ? { ...n, data: { ...n.data, port: 8081 } } : n)) };
    const diff = compareManifests(render(), render(b));
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c) => c.id)).toEqual(['v1/Service/shop/web', 'networking.k8s.io/v1/Ingress/shop/shop']);
    expect(diff.changed[0]).toMatchObject({ apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web', nodeId: 'svc-1' });
    expect(diff.changed[0]?.diff).toContain('--- a/v1/Service/shop/web\n+++ b/v1/Service/shop/web\n@@');
    expect(diff.changed[0]?.diff).toContain('\n-    - port: 80\n+    - port: 8081\n');
    expect(diff.changed[1]?.diff).toContain('\n-                  number: 80\n+                  number: 8081\n');
  });

  it('counts equal objects of a large set unchanged and diffs only the one that changed', () => {
    const deployments = (image: (i: number) => string) =>
      makeGraph(Array.from({ length: 300 }, (_, i) => makeNode('deployment', `d${i}`, { name: `d${i}`, namespace: 'big', image: image(i) })));
    const before = render(deployments(() => 'nginx:1.27'), {});
    const after = render(deployments((i) => (i === 123 ? 'nginx:1.28' : 'nginx:1.27')), {});
    const diff = compareManifests(before, after);
    expect(diff.unchanged).toBe(299);
    expect(diff.changed.map((c) => c.id)).toEqual(['apps/v1/Deployment/big/d123']);
    expect(diff.changed[0]?.diff).toContain('-          image: nginx:1.27\n+          image: nginx:1.28\n');
  });

  it('reports added and removed objects with their full text', () => {
    const graph = sampleApp();
    const without = { nodes: graph.nodes.filter((n) => n.id !== 'cm-1'), edges: graph.edges.filter((e) => e.source !== 'cm-1') };
    const diff = compareManifests(render(without), render());
    expect(diff.added.map((a) => a.id)).toEqual(['v1/ConfigMap/shop/web-config']);
    expect(diff.added[0]?.diff).toMatch(/^--- \/dev\/null\n\+\+\+ b\/v1\/ConfigMap\/shop\/web-config\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: v1\n/);
    expect(diff.changed.map((c) => c.id)).toEqual(['apps/v1/Deployment/shop/web']);
    expect(compareManifests(render(), render(without)).removed.map((r) => r.id)).toEqual(['v1/ConfigMap/shop/web-config']);
  });

  it('never shows secret data, yet shows which key changed', () => {
    const before = render(sampleApp(), { 'sec-1': { DATABASE_URL: 'postgres://old-password' } });
    const after = render(sampleApp(), { 'sec-1': { DATABASE_URL: 'postgres://new-password' } });
    const diff = compareManifests(before, after);
    expect(diff.changed.map((c) => c.kind)).toEqual(['Secret']);
    expect(diff.changed[0]?.diff).toContain('\n-  DATABASE_URL: (hidden)\n+  DATABASE_URL: (changed)\n');
    const base64 = (s: string) => Buffer.from(s).toString('base64');
    const text = JSON.stringify([diff, compareManifests([], after), compareManifests(before, [])]);
    for (const secret of ['old-password', 'new-password', base64('postgres://old-password'), base64('postgres://new-password')]) {
      expect(text).not.toContain(secret);
    }
  });

  it('is deterministic and symmetric', () => {
    const graph = sampleApp();
    const other = makeGraph([makeNode('configmap', 'x', { name: 'x', namespace: 'shop' }), ...graph.nodes.filter((n) => n.type === 'deployment')]);
    const a = render();
    const b = render(other);
    fc.assert(
      fc.property(fc.shuffledSubarray(a, { minLength: a.length }), fc.shuffledSubarray(b, { minLength: b.length }), (a2: RenderedManifest[], b2: RenderedManifest[]) => {
        const forward = compareManifests(a2, b2);
        expect(forward).toEqual(compareManifests(a, b));
        const backward = compareManifests(b2, a2);
        expect(backward.added.map((x) => x.id)).toEqual(forward.removed.map((x) => x.id));
        expect(backward.changed.map((x) => x.id)).toEqual(forward.changed.map((x) => x.id));
      }),
    );
  });

  it('gives the same diff with remembered texts, across repeated and crossed comparisons', () => {
    const graph = sampleApp();
    const changed = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'svc-1' ? { ...n, data: { ...n.data, port: 8081 } } : n)) };
    const versions = [render(), render(changed), render(graph, { 'sec-1': { DATABASE_URL: 'postgres://other' } })];
    const text = memoizedManifestText();
    for (let round = 0; round < 2; round++) {
      for (const a of versions) for (const b of versions) expect(compareManifests(a, b, text)).toEqual(compareManifests(a, b));
    }
  });
});
