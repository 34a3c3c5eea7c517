import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import type { IngressServiceLink } from '../../links/link-types.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import type { IngressData, IngressPath } from './schema.ts';

type LinkedPath = IngressPath & { _linkedService?: IngressServiceLink };
type IngressNode = RenderNode<Omit<IngressData, 'paths'> & { paths: LinkedPath[] }>;

export function renderIngress(node: IngressNode, ctx: RenderContext): K8sObject[] {
  const data = node.data;
  const paths = data.paths.flatMap((p) => {
    const link = p._linkedService;
    // checkDeployable refuses unlinked paths before rendering; a path needs a backend.
    if (!link) return [];
    return [
      {
        path: p.path,
        pathType: p.pathType,
        backend: { service: { name: link.name, port: { number: link.port } } },
      },
    ];
  });
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: objectMeta(node, ctx),
      spec: compact({
        ingressClassName: data.ingressClassName,
        tls: data.tls.map((t) => compact({ hosts: t.hosts, secretName: t.secretName })),
        rules: [compact({ host: data.host, http: { paths } })],
      }),
    },
  ];
}
