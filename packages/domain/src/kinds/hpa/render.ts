import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import type { WorkloadRef } from '../../links/link-types.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import type { HpaData } from './schema.ts';

const TARGET_KINDS: Record<string, string> = { deployment: 'Deployment', statefulset: 'StatefulSet' };

function utilization(name: 'cpu' | 'memory', percent: number | undefined) {
  if (percent === undefined) return undefined;
  return { type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: percent } } };
}

export function renderHpa(node: RenderNode<HpaData & { _linkedDeployment?: WorkloadRef }>, ctx: RenderContext): K8sObject[] {
  const data = node.data;
  const target = data._linkedDeployment;
  // checkDeployable refuses an hpa without a target before rendering.
  if (!target) return [];
  const metrics = [
    utilization('cpu', data.targetCPUUtilizationPercentage),
    utilization('memory', data.targetMemoryUtilizationPercentage),
  ].filter((m) => m !== undefined);
  return [
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: objectMeta(node, ctx),
      spec: compact({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: TARGET_KINDS[target.kind] ?? 'Deployment', name: target.name },
        minReplicas: data.minReplicas,
        maxReplicas: data.maxReplicas,
        // No targets: the controller's default (80% CPU) applies.
        metrics,
        behavior: data.behavior,
      }),
    },
  ];
}
