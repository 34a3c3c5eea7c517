import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import type { ServiceWorkloadLink } from '../../links/link-types.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import type { ServiceData } from './schema.ts';

type ServiceNode = RenderNode<ServiceData & { _linkedDeployment?: ServiceWorkloadLink }>;

export function renderService(node: ServiceNode, ctx: RenderContext): K8sObject[] {
  const data = node.data;
  const link = data._linkedDeployment;
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: objectMeta(node, ctx),
      spec: compact({
        type: data.serviceType,
        // Without a linked workload the Service has no selector (and so no endpoints) rather
        // than a guessed one; diagnostics point that out.
        selector: link?.selector,
        ports: [
          compact({
            port: data.port,
            targetPort: data.targetPort ?? link?.targetPort ?? data.port,
            protocol: data.protocol,
            nodePort: data.nodePort,
          }),
        ],
        sessionAffinity: data.sessionAffinity,
      }),
    },
  ];
}
