import type { GraphIssue } from '../graph/graph-issue.ts';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import type { RenderContext } from '../kinds/kind-definition.ts';
import { kindDefinition } from '../kinds/registry.ts';

/**
 * What a saved draft may lack but a run may not (validateGraph accepts drafts): every linked
 * target and backend an object needs to render, mount paths for claims, and secret values. Each
 * kind lists its own checks (`deployChecks`). `graph` must come from validateGraph (links
 * recomputed).
 */
export function checkDeployable(graph: WorkflowGraph, ctx: Pick<RenderContext, 'secretValues'> = {}): GraphIssue[] {
  return graph.nodes.flatMap((node, index) =>
    kindDefinition(node.type).deployChecks.flatMap((check) => check({ node, index, graph, secretValues: ctx.secretValues })),
  );
}
