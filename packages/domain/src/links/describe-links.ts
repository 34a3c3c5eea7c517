import type { NodeKind } from '../kinds/node-kinds.ts';
import { isNodeKind } from '../kinds/node-kinds.ts';
import type { HpaLink, IngressServiceLink, MountLink, PolicyWorkloadLink, PvcLink, ServiceWorkloadLink } from './link-types.ts';

/** A linked node named in a sentence, so a client can make it a link. */
export type LinkedNodeRef = { nodeId: string; kind: NodeKind; name: string };
/** "Routes to" [Deployment web] "(pods labelled …)": plain words around one linked node. */
export type LinkSentence = { before: string; node: LinkedNodeRef; after: string };
/**
 * What an edge does to one of the node's own fields (`targetPort`, `replicas`, `paths.0`):
 * the value it fills in when the field is left empty, or that the field is not applied at all.
 */
export type LinkedFieldNote = { hint: string; placeholder?: string; overridden?: boolean };
export type LinkDescription = { sentences: LinkSentence[]; fields: Record<string, LinkedFieldNote> };

const kindOf = (value: unknown, fallback: NodeKind): NodeKind => (isNodeKind(value) ? value : fallback);

/**
 * The linked fields (`_linked*`, from recomputeLinks) of one node in words, for people: what each
 * edge makes this node do, and which of its own fields an edge fills in or overrides. The same
 * facts the renderers act on (a Service's target port, an HPA taking over replicas).
 */
export function describeLinks(kind: NodeKind, data: Record<string, unknown>): LinkDescription {
  const sentences: LinkSentence[] = [];
  const fields: Record<string, LinkedFieldNote> = {};
  const ref = (link: { nodeId: string; name: string }, k: NodeKind): LinkedNodeRef => ({ nodeId: link.nodeId, kind: k, name: link.name });

  if (kind === 'service' && data._linkedDeployment) {
    const l = data._linkedDeployment as ServiceWorkloadLink;
    sentences.push({ before: 'Routes traffic to the pods of', node: ref(l, kindOf(l.kind, 'deployment')), after: '.' });
    if (data.targetPort === undefined) {
      fields.targetPort =
        l.targetPort !== undefined
          ? { placeholder: `${l.targetPort} (from ${l.name})`, hint: `Left empty, traffic goes to ${l.name}'s first container port, ${l.targetPort}.` }
          : { hint: `${l.name} declares no container port: traffic goes to port ${String(data.port ?? 80)}.` };
    }
  }
  if (kind === 'hpa' && data._linkedDeployment) {
    const l = data._linkedDeployment as { nodeId: string; name: string; kind: NodeKind };
    sentences.push({
      before: 'Scales',
      node: ref(l, kindOf(l.kind, 'deployment')),
      after: `between ${String(data.minReplicas ?? 1)} and ${String(data.maxReplicas ?? 3)} replicas.`,
    });
  }
  if (kind === 'ingress' && Array.isArray(data.paths)) {
    (data.paths as { path?: string; _linkedService?: IngressServiceLink }[]).forEach((p, i) => {
      const l = p._linkedService;
      const port = l?.port === undefined ? '' : `, port ${l.port}`;
      if (l) {
        sentences.push({ before: `Path ${p.path ?? ''} routes to`, node: ref(l, 'service'), after: `${port}.` });
        fields[`paths.${i}`] = { hint: `Routes to service ${l.name}${port}.` };
      } else fields[`paths.${i}`] = { hint: "Routes nowhere yet: connect this path's handle to a Service." };
    });
  }
  if (data._linkedHPA) {
    const l = data._linkedHPA as HpaLink;
    sentences.push({ before: 'Its replica count is set by', node: ref(l, 'hpa'), after: '; the Replicas field is not applied while they are connected.' });
    fields.replicas = { hint: `Set by the autoscaler ${l.name} while connected; this value is not applied.`, overridden: true };
  }
  const mounts: [string, NodeKind, string][] = [
    ['_linkedConfigMaps', 'configmap', 'Uses'],
    ['_linkedSecrets', 'secret', 'Uses'],
  ];
  for (const [key, k, verb] of mounts) {
    for (const l of (data[key] ?? []) as MountLink[]) {
      sentences.push({ before: verb, node: ref(l, k), after: l.mountPath ? `, mounted at ${l.mountPath}.` : ', as environment variables.' });
    }
  }
  for (const l of (data._linkedPVCs ?? []) as PvcLink[]) {
    const where = l.mountPath ? (l.volumeMode === 'Block' ? `, as a block device at ${l.mountPath}.` : `, mounted at ${l.mountPath}.`) : ', once the claim sets a mount path.';
    sentences.push({ before: 'Stores data on', node: ref(l, 'persistentvolumeclaim'), after: where });
  }
  for (const l of (data._linkedWorkloads ?? []) as PolicyWorkloadLink[]) {
    sentences.push({ before: 'Applies to the pods of', node: ref(l, kindOf(l.kind, 'deployment')), after: '.' });
  }
  return { sentences, fields };
}
