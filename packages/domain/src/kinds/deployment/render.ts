import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import type { WorkloadLinks } from '../../links/link-types.ts';
import { podSelectorLabels } from '../shared/labels.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import { podTemplate } from '../shared/pod-template.ts';
import type { DeploymentData } from './schema.ts';

export function renderDeployment(node: RenderNode<DeploymentData & WorkloadLinks>, ctx: RenderContext): K8sObject[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: objectMeta(node, ctx),
      spec: compact({
        // With an HPA the replica count is the HPA's: applying ours would undo every scaling.
        replicas: node.data._linkedHPA ? undefined : node.data.replicas,
        selector: { matchLabels: podSelectorLabels(node.id, node.data.name) },
        template: podTemplate(node, ctx),
      }),
    },
  ];
}
