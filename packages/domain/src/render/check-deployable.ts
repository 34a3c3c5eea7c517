import type { GraphIssue } from '../graph/graph-issue.ts';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import type { RenderContext } from '../kinds/kind-definition.ts';
import type { PvcLink } from '../links/link-types.ts';
import { scalingRequestGaps } from '../design/scaling-requests.ts';

type Entries = { key: string }[];

/**
 * What a saved draft may lack but a run may not (validateGraph accepts drafts): every linked
 * target and backend an object needs to render, mount paths for claims, secret values, and the
 * requests an autoscaler measures against (scalingRequestGaps).
 * `graph` must come from validateGraph (links recomputed).
 */
export function checkDeployable(graph: WorkflowGraph, ctx: Pick<RenderContext, 'secretValues'> = {}): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  graph.nodes.forEach((node, index) => {
    const at = (...path: (string | number)[]) => ({ nodeId: node.id, path: ['nodes', index, ...path] });
    const data = node.data;
    const name = String(data.name);
    switch (node.type) {
      case 'hpa':
        if (!data._linkedDeployment) issues.push({ ...at(), message: `hpa "${name}" must be connected to a deployment or statefulset to scale` });
        break;
      case 'ingress': {
        const paths = (data.paths ?? []) as { _linkedService?: unknown }[];
        if (paths.length === 0) issues.push({ ...at('data', 'paths'), message: 'must have at least one path' });
        paths.forEach((p, i) => {
          if (!p._linkedService) issues.push({ ...at('data', 'paths', i), message: 'is not connected to a service' });
        });
        break;
      }
      case 'networkpolicy':
        // An empty podSelector selects every pod in the namespace: never deploy that by accident.
        if (!data._linkedWorkloads) {
          issues.push({ ...at(), message: `networkpolicy "${name}" must be connected to at least one workload; unconnected it would apply to every pod in namespace "${String(data.namespace)}"` });
        }
        break;
      case 'secret': {
        if (ctx.secretValues === undefined) break;
        const values = ctx.secretValues[node.id] ?? {};
        (data.entries as Entries).forEach((entry, i) => {
          if (values[entry.key] === undefined) issues.push({ ...at('data', 'entries', i, 'value'), message: `has no stored value for key "${entry.key}"` });
        });
        break;
      }
      default:
        for (const link of (data._linkedPVCs ?? []) as PvcLink[]) {
          if (link.mountPath !== undefined) continue;
          const pvc = byId.get(link.nodeId);
          const pvcIndex = pvc ? graph.nodes.indexOf(pvc) : -1;
          issues.push({
            nodeId: link.nodeId,
            path: ['nodes', pvcIndex, 'data', 'mountPath'],
            message: `is required to mount persistentvolumeclaim "${link.name}" into ${node.type} "${name}"`,
          });
        }
    }
  });
  // Would deploy, then fail the run once the autoscaler finds no request to measure against.
  for (const gap of scalingRequestGaps(graph)) {
    issues.push({
      nodeId: gap.targetId,
      path: ['nodes', graph.nodes.findIndex((n) => n.id === gap.targetId), 'data', 'resources', 'requests', gap.resource],
      message: `is required: ${gap.message}`,
    });
  }
  return issues;
}

