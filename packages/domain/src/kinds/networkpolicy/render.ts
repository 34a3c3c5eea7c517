import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import type { PolicyWorkloadLink } from '../../links/link-types.ts';
import { NODE_LABEL } from '../shared/labels.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import type { NetworkpolicyData } from './schema.ts';

type PolicyNode = RenderNode<NetworkpolicyData & { _linkedWorkloads?: PolicyWorkloadLink[] }>;
type Peer = { podSelector?: Record<string, string>; namespaceSelector?: Record<string, string>; ipBlock?: { cidr: string; except?: string[] } };
type Rule = { allPeers?: boolean; ports?: { port?: number | string; endPort?: number; protocol: string }[] } & Record<string, unknown>;

function renderPeer(peer: Peer) {
  return compact({
    podSelector: peer.podSelector && { matchLabels: peer.podSelector },
    namespaceSelector: peer.namespaceSelector && { matchLabels: peer.namespaceSelector },
    ipBlock: peer.ipBlock && compact({ cidr: peer.ipBlock.cidr, except: peer.ipBlock.except }),
  });
}

// Validation guarantees a rule has peers or allPeers; only allPeers renders without them.
function renderRule(rule: Rule, peers: 'from' | 'to') {
  const list = (rule[peers] as Peer[] | undefined) ?? [];
  return compact({
    [peers]: rule.allPeers ? undefined : list.map(renderPeer),
    ports: rule.ports?.map((p) => compact({ protocol: p.protocol, port: p.port, endPort: p.endPort })),
  });
}

/** The pods of the linked workloads; checkDeployable refuses a policy with none (see there). */
function podSelector(links: PolicyWorkloadLink[]) {
  const [only] = links;
  if (links.length === 1 && only) return { matchLabels: only.podLabels };
  return { matchExpressions: [{ key: NODE_LABEL, operator: 'In', values: links.map((l) => l.nodeId).sort() }] };
}

export function renderNetworkpolicy(node: PolicyNode, ctx: RenderContext): K8sObject[] {
  const data = node.data;
  const links = data._linkedWorkloads ?? [];
  if (links.length === 0) return [];
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: objectMeta(node, ctx),
      spec: {
        podSelector: podSelector(links),
        policyTypes: data.policyTypes,
        ...(data.policyTypes.includes('Ingress') ? { ingress: data.ingress.map((r) => renderRule(r, 'from')) } : {}),
        ...(data.policyTypes.includes('Egress') ? { egress: data.egress.map((r) => renderRule(r, 'to')) } : {}),
      },
    },
  ];
}
