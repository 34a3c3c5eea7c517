import { eventsAbout } from '../health/events.ts';
import { mainObject } from '../health/node-health.ts';
import { field, oneLine, str } from '../health/object-fields.ts';
import type { K8sObject } from '../kinds/kind-definition.ts';
import { isWorkloadKind } from '../kinds/node-kinds.ts';
import type { DiagnosticInput } from './diagnostic-input.ts';
import { withFix, type Finding, type Fix, type Severity } from './finding.ts';
import { compare, eventEvidence } from './pod-statuses.ts';

/** Why a claim waits, from its events; the first rule any event matches wins. */
const RULES: readonly { type: string; severity: Severity; match: (reason: string, message: string) => boolean; explain: string }[] = [
  {
    type: 'pvc.no-storage-class',
    severity: 'error',
    match: (_, m) => /no storage class is set/.test(m),
    explain: 'it names no storage class and the cluster has no default one, so nothing provisions a volume',
  },
  {
    type: 'pvc.storage-class-not-found',
    severity: 'error',
    match: (_, m) => /storageclass[^"]*"[^"]+" not found/i.test(m),
    explain: 'its storage class does not exist in the cluster',
  },
  { type: 'pvc.provisioning-failed', severity: 'error', match: (r) => r === 'ProvisioningFailed', explain: 'the provisioner failed to create a volume' },
  { type: 'pvc.waiting-for-consumer', severity: 'info', match: (r) => r === 'WaitForFirstConsumer', explain: 'its storage class binds a volume only once a pod uses the claim' },
  { type: 'pvc.provisioning', severity: 'info', match: (r) => r === 'ExternalProvisioning' || r === 'Provisioning', explain: 'a volume is being provisioned' },
];

export function detectPvcPending({ node, graph, observed }: DiagnosticInput): Finding[] {
  const claim = mainObject('persistentvolumeclaim', observed.main);
  if (!claim || str(claim, 'status', 'phase') !== 'Pending') return [];
  const events = eventsAbout(observed.events, [claim]);
  const matched = RULES.map((rule) => ({ rule, event: events.find((e) => rule.match(e.reason, e.message)) })).find((m) => m.event);
  const evidence = eventEvidence(matched?.event ? [matched.event, ...events] : events);

  if (matched?.rule.type === 'pvc.waiting-for-consumer') {
    // Fine when a workload mounts it; a claim nobody mounts waits forever.
    const mounted = graph.nodes.some(
      (n) => isWorkloadKind(n.type) && Array.isArray(n.data._linkedPVCs) && n.data._linkedPVCs.some((l) => field(l, 'nodeId') === node.id),
    );
    if (!mounted) {
      return [{ id: `pvc.unused:${node.id}`, type: 'pvc.unused', severity: 'warning', message: 'Pending until a pod uses it, and no workload of this workflow mounts it', evidence }];
    }
  }
  if (!matched) return [{ id: `pvc.pending:${node.id}`, type: 'pvc.pending', severity: 'warning', message: 'Pending, with no event explaining why yet', evidence }];

  const { rule, event } = matched;
  const storageFix = rule.type === 'pvc.no-storage-class' || rule.type === 'pvc.storage-class-not-found';
  return [
    {
      id: `${rule.type}:${node.id}`,
      type: rule.type,
      severity: rule.severity,
      message: `Pending: ${rule.explain} (${event ? oneLine(event.message) : ''})`,
      evidence,
      ...withFix(storageFix ? storageClassFix(node.id, node.data.storageClassName, observed.storageClasses) : undefined),
    },
  ];
}

/**
 * Suggests the cluster's default StorageClass, else the first by name; never the one already set.
 * "Set storageClassName if absent" also covers a wrong one: it is the same field and the same cure.
 */
function storageClassFix(nodeId: string, current: unknown, classes: K8sObject[] | undefined): Fix | undefined {
  const isDefault = (c: K8sObject) => str(c, 'metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class') === 'true';
  const candidates = (classes ?? []).filter((c) => c.metadata.name !== current).sort((a, b) => Number(isDefault(b)) - Number(isDefault(a)) || compare(a.metadata.name, b.metadata.name));
  const chosen = candidates[0]?.metadata.name;
  if (!chosen) return undefined;
  return {
    id: `set-storage-class:${nodeId}`,
    title: `Use the storage class "${chosen}"`,
    description:
      `Sets storageClassName to "${chosen}"${isDefault(candidates[0] as K8sObject) ? ' (the cluster default)' : ''}. ` +
      (current === undefined
        ? 'Kubernetes lets a claim without a class get one.'
        : 'Kubernetes refuses to change the class of an existing claim: delete the claim in the cluster before running again.'),
    patch: { op: 'set', nodeId, set: [{ path: ['storageClassName'], value: chosen }] },
  };
}
