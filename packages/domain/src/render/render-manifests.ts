import { ValidationError } from '../errors.ts';
import { validateGraph } from '../graph/validate-graph.ts';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import type { RenderContext } from '../kinds/kind-definition.ts';
import { kindDefinition } from '../kinds/registry.ts';
import { isLabelValue } from '../kinds/shared/names.ts';
import { applyRank } from './apply-order.ts';
import { checkDeployable } from './check-deployable.ts';
import type { RenderedManifest } from './rendered-manifest.ts';

/**
 * The Kubernetes objects of a workflow (SPEC §3), sorted in APPLY_ORDER, then by namespace and
 * name. Pure: the same graph and context always give the same output. The graph is validated
 * and its links recomputed here, so callers cannot render stale links; a graph that is invalid
 * or not deployable (see checkDeployable) throws ValidationError with every issue.
 *
 * Namespaces are not rendered: the runner creates missing ones, unlabelled, so that pruning a
 * workflow's objects by label can never delete a namespace shared with anything else.
 */
export function renderManifests(graph: WorkflowGraph, ctx: RenderContext): RenderedManifest[] {
  if (!ctx.workflowId || !isLabelValue(ctx.workflowId)) {
    throw new ValidationError([{ path: ['workflowId'], message: 'must be a valid label value (at most 63 letters, digits, "-", "_" or ".")' }]);
  }
  const validated = validateGraph(graph);
  if (!validated.ok) throw new ValidationError(validated.issues);
  const issues = checkDeployable(validated.graph, ctx);
  if (issues.length > 0) throw new ValidationError(issues);

  const manifests = validated.graph.nodes.flatMap((node) =>
    kindDefinition(node.type)
      .render({ id: node.id, data: node.data }, ctx)
      .map((object) => ({
        nodeId: node.id,
        kind: object.kind,
        apiVersion: object.apiVersion,
        ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
        name: object.metadata.name,
        object,
      })),
  );
  return manifests.sort(
    (a, b) =>
      applyRank(a.kind) - applyRank(b.kind) ||
      compare(a.kind, b.kind) ||
      compare(a.namespace ?? '', b.namespace ?? '') ||
      compare(a.name, b.name) ||
      compare(a.nodeId, b.nodeId),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
