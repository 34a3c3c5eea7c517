import type { GroupVersionKind, K8sObject } from '../types.ts'

export const POD = { apiVersion: 'v1', kind: 'Pod' } as const
export const REPLICA_SET = { apiVersion: 'apps/v1', kind: 'ReplicaSet' } as const
export const ENDPOINT_SLICE = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' } as const
export const EVENT = { apiVersion: 'v1', kind: 'Event' } as const

const POD_OWNERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service'])

/**
 * The kinds health needs besides the rendered ones: the pods of workloads (fatal container
 * reasons) and the pods a Service should match, the ReplicaSets of Deployments, the
 * EndpointSlices of Services (ready endpoints), and Events.
 * Pods and ReplicaSets carry the workflow's labels through the pod template, and the
 * EndpointSlice controller copies a Service's labels to its slices, so the label selector finds
 * them; Events carry no labels (see relatedEvents).
 */
export function relatedKinds(kinds: readonly GroupVersionKind[]): GroupVersionKind[] {
  const names = new Set(kinds.map((k) => k.kind))
  const related: GroupVersionKind[] = []
  if ([...names].some((n) => POD_OWNERS.has(n))) related.push(POD)
  if (names.has('Deployment')) related.push(REPLICA_SET)
  if (names.has('Service')) related.push(ENDPOINT_SLICE)
  if (kinds.length > 0) related.push(EVENT)
  return related.filter((r) => !kinds.some((k) => k.apiVersion === r.apiVersion && k.kind === r.kind))
}

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
