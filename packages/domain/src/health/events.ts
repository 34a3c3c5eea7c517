import type { K8sObject } from '../kinds/kind-definition.ts';
import { objectName, str, timeOf } from './object-fields.ts';

/** An event reduced to what health and diagnostics read, from core/v1 or events.k8s.io/v1. */
export type EventSummary = { type: string; reason: string; message: string; objectKind: string; objectName: string; time: number };

export function summarizeEvent(event: K8sObject): EventSummary {
  // events.k8s.io/v1 names the object `regarding` and the message `note`.
  const subject = event.involvedObject ?? event.regarding;
  const time =
    timeOf(str(event, 'series', 'lastObservedTime')) ??
    timeOf(str(event, 'lastTimestamp')) ??
    timeOf(str(event, 'eventTime')) ??
    timeOf(str(event, 'metadata', 'creationTimestamp')) ??
    0;
  return {
    type: str(event, 'type') ?? 'Normal',
    reason: str(event, 'reason') ?? '',
    message: str(event, 'message') ?? str(event, 'note') ?? '',
    objectKind: str(subject, 'kind') ?? '',
    objectName: str(subject, 'name') ?? '',
    time,
  };
}

/** Events about the given objects, newest first (ties broken by the event's name, for determinism). */
export function eventsAbout(events: readonly K8sObject[] | undefined, objects: readonly K8sObject[]): EventSummary[] {
  const keys = new Set(objects.map((o) => `${o.kind}/${objectName(o)}`));
  return (events ?? [])
    .map((event) => ({ event, summary: summarizeEvent(event) }))
    .filter(({ summary }) => keys.has(`${summary.objectKind}/${summary.objectName}`))
    .sort((a, b) => b.summary.time - a.summary.time || compare(objectName(a.event), objectName(b.event)))
    .map(({ summary }) => summary);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
