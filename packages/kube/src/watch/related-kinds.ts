import type { K8sObject } from '../types.ts'

/** Events carry no labels: a watcher lists all of a namespace's and keeps those about its objects. */
export const EVENT = { apiVersion: 'v1', kind: 'Event' } as const

/** The events about one of `objects` (by involvedObject uid), oldest first. */
export function relatedEvents(events: Iterable<K8sObject>, objects: Iterable<K8sObject>): K8sObject[] {
  const uids = new Set<string>()
  for (const object of objects) {
    const uid = (object.metadata as { uid?: unknown }).uid
    if (typeof uid === 'string') uids.add(uid)
  }
  const out: K8sObject[] = []
  for (const event of events) {
    const uid = (event as { involvedObject?: { uid?: unknown } }).involvedObject?.uid
    if (typeof uid === 'string' && uids.has(uid)) out.push(event)
  }
  return out.sort((a, b) => eventTime(a).localeCompare(eventTime(b)))
}

function eventTime(event: K8sObject): string {
  const e = event as { lastTimestamp?: unknown; eventTime?: unknown; metadata: { creationTimestamp?: unknown } }
  const t = e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp
  return typeof t === 'string' ? t : ''
}

/** Identity of a snapshot: which objects at which resourceVersion. Equal means nothing to report. */
export function snapshotSignature(objects: readonly K8sObject[]): string {
  return objects
    .map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}@${String((o.metadata as { resourceVersion?: unknown }).resourceVersion ?? '')}`)
    .sort()
    .join(',')
}
