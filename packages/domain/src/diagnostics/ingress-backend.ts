import { ingressBackends } from '../health/health-ingress.ts';
import { mainObject } from '../health/node-health.ts';
import { field, isRecord, str } from '../health/object-fields.ts';
import { nodeNamespace } from '../links/node-fields.ts';
import { nodeName } from '../links/node-fields.ts';
import { likelyTarget, newEdge } from './design-changes.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { withFix, type Finding } from './finding.ts';
import { findNode } from './node-data.ts';

export function detectIngressBackend({ node, graph, observed }: DiagnosticInput): Finding[] {
  const findings: Finding[] = [];
  const paths = Array.isArray(node.data.paths) ? node.data.paths.filter(isRecord) : [];
  for (const path of paths) {
    if (field(path, '_linkedService') !== undefined) continue;
    const id = str(path, 'id') ?? '?';
    // "/api/v1" was most likely meant for a service named "api"; "/" for one named like the ingress.
    const segment = (str(path, 'path') ?? '').split('/').find((s) => s !== '') ?? nodeName(node);
    const service = str(path, 'id') === undefined ? undefined : likelyTarget(graph, node, ['service'], { name: segment });
    findings.push({
      id: `ingress.path-unrouted:${id}`,
      type: 'ingress.path-unrouted',
      severity: 'warning',
      message: `Path ${str(path, 'path') ?? id} is not connected to a service`,
      evidence: [],
      ...withFix(
        service && {
          id: `connect-path:${id}`,
          title: `Route ${str(path, 'path') ?? id} to "${nodeName(service)}"`,
          description: `Connects the path to the service "${nodeName(service)}" (its port unless the path sets one).`,
          patch: { op: 'connect', edges: [newEdge(graph, node.id, service.id, id)] },
        },
      ),
    });
  }

  const ingress = mainObject('ingress', observed.main);
  if (!ingress || observed.services === undefined) return findings;
  const existing = new Set(observed.services.map((s) => s.metadata.name));
  for (const name of ingressBackends(ingress).filter((n) => !existing.has(n))) {
    const inWorkflow = findNode(graph, 'service', name, nodeNamespace(node)) !== undefined;
    findings.push({
      id: `ingress.backend-missing:${name}`,
      type: 'ingress.backend-missing',
      severity: 'error',
      message: inWorkflow
        ? `Backend service "${name}" is in the workflow but not in the cluster; run the workflow to create it`
        : `Backend service "${name}" does not exist, so requests to its paths fail (503)`,
      evidence: [{ kind: 'status', text: `backend service "${name}" not found in namespace ${nodeNamespace(node)}` }],
    });
  }
  return findings;
}
