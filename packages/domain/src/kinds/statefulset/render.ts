import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import type { WorkloadLinks } from '../../links/link-types.ts';
import { podSelectorLabels } from '../shared/labels.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import { podTemplate } from '../shared/pod-template.ts';
import { headlessServiceName, type StatefulsetData } from './schema.ts';

export function renderStatefulset(node: RenderNode<StatefulsetData & WorkloadLinks>, ctx: RenderContext): K8sObject[] {
  const data = node.data;
  const selector = podSelectorLabels(node.id, data.name);
  const serviceName = headlessServiceName(data);
  const headless: K8sObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(node, ctx, serviceName),
    spec: compact({
      clusterIP: 'None',
      selector,
      ports: data.ports.map((p) => ({
        name: p.name ?? `${p.protocol.toLowerCase()}-${p.containerPort}`,
        port: p.containerPort,
        targetPort: p.containerPort,
        protocol: p.protocol,
      })),
    }),
  };
  const statefulSet: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: objectMeta(node, ctx),
    spec: compact({
      // With an HPA the replica count is the HPA's: applying ours would undo every scaling.
      replicas: data._linkedHPA ? undefined : data.replicas,
      serviceName,
      selector: { matchLabels: selector },
      template: podTemplate(node, ctx, { ownMounts: data.volumeClaimTemplates }),
      volumeClaimTemplates: data.volumeClaimTemplates.map((t) => ({
        metadata: { name: t.name },
        spec: compact({
          accessModes: t.accessModes,
          storageClassName: t.storageClassName,
          resources: { requests: { storage: t.storage } },
        }),
      })),
    }),
  };
  return [headless, statefulSet];
}
