import type { GraphIssue } from '../graph/graph-issue.ts';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import type { RenderContext } from '../kinds/kind-definition.ts';
import { kindDefinition } from '../kinds/registry.ts';
import { scalingRequestGaps } from '../design/scaling-requests.ts';

/**
 * What a saved draft may lack but a run may not (validateGraph accepts drafts): every linked
 * target and backend an object needs to render, mount paths for claims, secret values (each kind
 * lists its own `deployChecks`), and the requests an autoscaler measures against
 * (scalingRequestGaps, a rule between two nodes). `graph` must come from validateGraph (links
 * recomputed).
 */
export function checkDeployable(graph: WorkflowGraph, ctx: Pick<RenderContext, 'secretValues'> = {}): GraphIssue[] {
  const issues = graph.nodes.flatMap((node, index) =>
    kindDefinition(node.type).deployChecks.flatMap((check) => check({ node, index, graph, secretValues: ctx.secretValues })),
  );
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
