// Test support (not exported): observed objects from fixture files, and the one assertion every
// diagnostics case goes through.
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { parseNodeData } from '../../graph/parse-node-data.ts';
import { validateGraph } from '../../graph/validate-graph.ts';
import type { WorkflowGraph } from '../../graph/workflow-graph.ts';
import { HEALTH_TESTDATA, loadObjects, NOW, observedFor } from '../../health/testdata/fixtures.ts';
import { isWorkloadKind } from '../../kinds/node-kinds.ts';
import { recomputeLinks } from '../../links/recompute-links.ts';
import { makeNode } from '../../testing/factories.ts';
import { sampleApp } from '../../testing/sample-app.ts';
import { applyNodePatch } from '../apply-node-patch.ts';
import { diagnoseNode } from '../diagnose-node.ts';
import type { DiagnosticObservations } from '../diagnostic-input.ts';
import type { Finding, Severity } from '../finding.ts';

export { NOW };

const DIAGNOSTICS_TESTDATA = new URL('./', import.meta.url);

/** sampleApp with its links computed, optionally edited (data merged per node id), links recomputed. */
export function graphWith(edits: Record<string, (data: Record<string, unknown>) => Record<string, unknown>> = {}, extra: WorkflowGraph['nodes'] = []): WorkflowGraph {
  const base = sampleApp();
  const nodes = [...base.nodes, ...extra].map((n) => (edits[n.id] ? { ...n, data: edits[n.id]!(structuredClone(n.data)) } : n));
  return recomputeLinks({ nodes, edges: base.edges });
}

/** A registry credential Secret node, the only kind of Secret a pull-secret fix may name. */
export const REGCRED = makeNode('secret', 'sec-reg', { name: 'regcred', namespace: 'shop', secretType: 'kubernetes.io/dockerconfigjson', entries: [{ key: '.dockerconfigjson' }] });

/** Objects from diagnostics/testdata or, failing that, health/testdata, sorted as a watcher would. */
export function observedFrom(graph: WorkflowGraph, nodeId: string, names: readonly string[]): DiagnosticObservations {
  const kind = graph.nodes.find((n) => n.id === nodeId)!.type;
  const objects = names.flatMap((name) => loadObjects(existsSync(new URL(`${name}.yaml`, DIAGNOSTICS_TESTDATA)) ? DIAGNOSTICS_TESTDATA : HEALTH_TESTDATA, name));
  // A workload's namespace ConfigMaps and Secrets are context, not its own objects.
  const context = (o: { kind: string }) => ['Node', 'StorageClass', 'PodLogs'].includes(o.kind) || (isWorkloadKind(kind) && ['ConfigMap', 'Secret'].includes(o.kind));
  const observed: DiagnosticObservations = observedFor(kind, objects.filter((o) => !context(o)));
  for (const object of objects.filter(context)) {
    if (object.kind === 'ConfigMap') (observed.configMaps ??= []).push(object);
    if (object.kind === 'Secret') (observed.secrets ??= []).push(object);
    if (object.kind === 'Node') (observed.clusterNodes ??= []).push(object);
    if (object.kind === 'StorageClass') (observed.storageClasses ??= []).push(object);
    if (object.kind === 'PodLogs') (observed.logs ??= {})[object.metadata.name] = object.lines as string[];
  }
  return observed;
}

export type Expected = [type: string, severity: Severity, message: RegExp, fixId?: string];

/**
 * Diagnoses node `nodeId` of `graph` with the fixtures, checks the findings in order against
 * `expected`, and checks every fix: it applies, and the patched node still passes its kind's
 * schema. Returns the findings for further checks.
 */
export function assertDiagnosis(graph: WorkflowGraph, nodeId: string, fixtures: readonly string[], expected: readonly Expected[], now = NOW): Finding[] {
  const node = graph.nodes.find((n) => n.id === nodeId)!;
  const findings = diagnoseNode({ node, graph, observed: observedFrom(graph, nodeId, fixtures), now });
  expect(findings.map((f) => [f.type, f.severity, f.message, f.fix?.id])).toEqual(
    expected.map(([type, severity, message, fixId]) => [type, severity, expect.stringMatching(message), fixId]),
  );
  expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
  for (const finding of findings) {
    expect(finding.message).not.toMatch(/\n/);
    if (!finding.fix) continue;
    const patched = applyNodePatch(graph, finding.fix.patch);
    const patch = finding.fix.patch;
    const touched = patch.op === 'set' ? [patch.nodeId] : patch.op === 'add-node' ? [patch.node.id] : [];
    for (const id of touched) {
      const target = patched.nodes.find((n) => n.id === id)!;
      const parsed = parseNodeData(target.type, target.data);
      expect(parsed.ok ? [] : parsed.issues, `fix ${finding.fix.id} leaves ${target.id} invalid`).toEqual([]);
    }
    // Saving validates the whole design: a fix must not add a problem (an edge the rules refuse).
    if (validateGraph(graph).ok) {
      const result = validateGraph(patched);
      expect(result.ok ? [] : result.issues, `fix ${finding.fix.id} makes the design invalid`).toEqual([]);
    }
  }
  return findings;
}

/** Same findings twice from the same input: detectors must be deterministic. */
export function diagnoseTwice(graph: WorkflowGraph, nodeId: string, fixtures: readonly string[]): [Finding[], Finding[]] {
  const node = graph.nodes.find((n) => n.id === nodeId)!;
  const run = () => diagnoseNode({ node, graph, observed: observedFrom(graph, nodeId, fixtures), now: NOW });
  return [run(), run()];
}
