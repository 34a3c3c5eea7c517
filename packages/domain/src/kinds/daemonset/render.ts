import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import type { WorkloadLinks } from '../../links/link-types.ts';
import { podSelectorLabels } from '../shared/labels.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import { podTemplate } from '../shared/pod-template.ts';
import type { DaemonsetData } from './schema.ts';

export function renderDaemonset(node: RenderNode<DaemonsetData & WorkloadLinks>, ctx: RenderContext): K8sObject[] {
  const data = node.data;
  const template = podTemplate(node, ctx);
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: objectMeta(node, ctx),
      spec: {
        selector: { matchLabels: podSelectorLabels(node.id, data.name) },
        updateStrategy: { type: data.updateStrategy },
        template: {
          ...template,
          spec: compact({ ...template.spec, nodeSelector: data.nodeSelector, tolerations: data.tolerations.map((t) => compact(t)) }),
        },
      },
    },
  ];
}
