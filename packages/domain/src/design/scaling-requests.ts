import type { Fix, NodePatch } from '../diagnostics/finding.ts';

/** A fix that sets fields of one node (what the canvas applies in place). */
export type NodeFix = Fix & { patch: NodePatch };
import { quantityValue, resourceOf } from '../diagnostics/node-data.ts';
import type { WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';

export type ScaledResource = 'cpu' | 'memory';

import { DEFAULT_REQUESTS } from '../kinds/shared/resources.ts';

export { DEFAULT_REQUESTS };

/**
 * A utilization target is a percentage of the pods' request: an HPA scaling on CPU (or memory)
 * needs that request on its target's container, or it can never compute a metric, turns red, and
 * the run that deployed it fails. One finding per missing request, with the one-line fix.
 */
export type ScalingRequestGap = {
  hpaId: string;
  targetId: string;
  /** The edge from the HPA to its target, for a canvas that marks it. */
  edgeId?: string;
  resource: ScaledResource;
  message: string;
  fix: NodeFix;
};

/** The resources an HPA measures: with no metric set the controller defaults to 80% CPU. */
export function scaledResources(hpa: Record<string, unknown>): ScaledResource[] {
  const cpu = hpa.targetCPUUtilizationPercentage !== undefined || hpa.targetMemoryUtilizationPercentage === undefined;
  return [...(cpu ? (['cpu'] as const) : []), ...(hpa.targetMemoryUtilizationPercentage !== undefined ? (['memory'] as const) : [])];
}

/** The requests `target` lacks for `hpa` to scale it. */
export function missingRequests(hpa: WorkflowNode, target: WorkflowNode): ScaledResource[] {
  return scaledResources(hpa.data).filter((resource) => resourceOf(target, 'requests', resource) === undefined);
}

/** Every HPA of a graph (links recomputed) whose target lacks a request it scales on. */
export function scalingRequestGaps(graph: WorkflowGraph): ScalingRequestGap[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const gaps: ScalingRequestGap[] = [];
  for (const hpa of graph.nodes) {
    if (hpa.type !== 'hpa') continue;
    const link = hpa.data._linkedDeployment as { nodeId?: string } | undefined;
    const target = link?.nodeId === undefined ? undefined : byId.get(link.nodeId);
    if (!target) continue;
    const edgeId = graph.edges.find((e) => e.source === hpa.id && e.target === target.id)?.id;
    for (const resource of missingRequests(hpa, target)) {
      gaps.push({
        hpaId: hpa.id,
        targetId: target.id,
        ...(edgeId === undefined ? {} : { edgeId }),
        resource,
        message: `"${String(hpa.data.name)}" scales "${String(target.data.name)}" on ${resource} utilization, but "${String(target.data.name)}" requests no ${resource}: the autoscaler cannot measure it`,
        fix: requestFix(target, resource),
      });
    }
  }
  return gaps;
}

/** Sets the target's request to the default, or to its limit when that is lower. */
export function requestFix(target: WorkflowNode, resource: ScaledResource): NodeFix {
  const limit = resourceOf(target, 'limits', resource);
  const fallback = DEFAULT_REQUESTS[resource];
  const value = limit !== undefined && (quantityValue(limit) ?? Infinity) < (quantityValue(fallback) ?? 0) ? limit : fallback;
  return {
    id: `add-${resource}-request:${target.id}`,
    title: `Request ${value} ${resource} for "${String(target.data.name)}"`,
    description: `Sets resources.requests.${resource} on the target workload; utilization is measured against it, so pick what one replica needs.`,
    patch: { op: 'set', nodeId: target.id, set: [{ path: ['resources', 'requests', resource], value }] },
  };
}
