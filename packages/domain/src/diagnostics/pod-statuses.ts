import { eventsAbout, type EventSummary } from '../health/events.ts';
import type { ObservedObjects } from '../health/observed-objects.ts';
import { isTerminating, objectName, records, str } from '../health/object-fields.ts';
import type { K8sObject } from '../kinds/kind-definition.ts';
import type { Evidence } from './finding.ts';

export type ContainerStatus = { pod: K8sObject; podName: string; container: string; status: Record<string, unknown> };

/** Container statuses (init containers first) of the live pods, by pod name then container order. */
export function containerStatuses(pods: readonly K8sObject[] | undefined): ContainerStatus[] {
  return [...(pods ?? [])]
    .filter((pod) => !isTerminating(pod))
    .sort((a, b) => compare(objectName(a), objectName(b)))
    .flatMap((pod) =>
      [...records(pod, 'status', 'initContainerStatuses'), ...records(pod, 'status', 'containerStatuses')].map((status) => ({
        pod,
        podName: objectName(pod),
        container: str(status, 'name') ?? '',
        status,
      })),
    );
}

/** Groups by container name, keeping first-seen order: one finding per container, whatever the replica count. */
export function byContainer(statuses: readonly ContainerStatus[]): Map<string, ContainerStatus[]> {
  const groups = new Map<string, ContainerStatus[]>();
  for (const s of statuses) groups.set(s.container, [...(groups.get(s.container) ?? []), s]);
  return groups;
}

/** Events about these pods, newest first. */
export function podEvents(observed: ObservedObjects, pods: readonly K8sObject[]): EventSummary[] {
  return eventsAbout(observed.events, pods);
}

/** At most `limit` event evidences, one per distinct message. */
export function eventEvidence(events: readonly EventSummary[], limit = 3): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of events) {
    const text = `${e.reason}: ${e.message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ kind: 'event', text });
    if (out.length === limit) break;
  }
  return out;
}

/** The image a container runs, from the pod spec. */
export function containerImage(pod: K8sObject, container: string): string | undefined {
  const spec = [...records(pod, 'spec', 'initContainers'), ...records(pod, 'spec', 'containers')].find((c) => c.name === container);
  return str(spec, 'image');
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pods named in a finding's message: the first few, then "and N more". */
export function podList(names: readonly string[], limit = 3): string {
  const head = names.slice(0, limit).join(', ');
  return names.length > limit ? `${head} and ${names.length - limit} more` : head;
}
