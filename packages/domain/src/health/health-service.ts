import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeHealth } from './health-state.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { redIn } from './grace.ts';
import { condition, field, isRecord, isTerminating, records, str, timeOf } from './object-fields.ts';

/**
 * How long a new Service may select no pods before that is an error: it is applied before or with
 * its workload, whose pods the controllers create a moment later (seconds on a busy cluster).
 */
export const SERVICE_NO_PODS_GRACE_MS = 30_000;

export function serviceHealth(service: K8sObject, observed: ObservedObjects, now: Date): NodeHealth {
  const type = str(service, 'spec', 'type') ?? 'ClusterIP';
  if (type === 'ExternalName') return { state: 'healthy', message: `alias of ${str(service, 'spec', 'externalName') ?? '?'}` };

  const selector = field(service, 'spec', 'selector');
  if (!isRecord(selector) || Object.keys(selector).length === 0) return { state: 'error', message: 'no selector: routes to no pods' };
  const pods = observed.pods?.filter((pod) => !isTerminating(pod));
  if (pods !== undefined && pods.length === 0) {
    const message = `no pods match selector ${formatSelector(selector)}`;
    const redAt = (timeOf(str(service, 'metadata', 'creationTimestamp')) ?? 0) + SERVICE_NO_PODS_GRACE_MS;
    return redAt > now.getTime() ? { state: 'partial', message: `${message} yet (${redIn(redAt, now, 'pods appear')})` } : { state: 'error', message };
  }

  const ready = readyEndpoints(observed, pods);
  const details = { readyEndpoints: ready, matchingPods: pods?.length };
  if (ready === 0) return { state: 'partial', message: pods ? `0/${pods.length} matching pods ready` : 'no ready endpoints', details };

  const endpoints = ready === undefined ? 'routing to its pods' : `${ready} ready endpoint${ready === 1 ? '' : 's'}`;
  if (type !== 'LoadBalancer') return { state: 'healthy', message: endpoints, details };
  const lb = loadBalancerStatus(service);
  if (!lb.assigned) return { state: 'partial', message: 'waiting for a load balancer address', details };
  return { state: 'healthy', message: `${endpoints}, ${lb.address === undefined ? NO_ADDRESS : `address ${lb.address}`}`, details };
}

/** Ready endpoints from the EndpointSlices, else ready pods; undefined when neither was observed. */
function readyEndpoints(observed: ObservedObjects, pods: K8sObject[] | undefined): number | undefined {
  if (observed.endpointSlices) {
    // EndpointSlice API: a missing `ready` must be read as ready.
    return observed.endpointSlices.flatMap((slice) => records(slice, 'endpoints')).filter((e) => field(e, 'conditions', 'ready') !== false).length;
  }
  return pods?.filter((pod) => condition(pod, 'Ready')?.status === 'True').length;
}

export const NO_ADDRESS = 'assigned, no address published';

/**
 * A Service's or Ingress's load balancer: assigned once `status.loadBalancer.ingress` has an
 * entry, with the first ip or hostname as its address. Some controllers write an entry without
 * either (`ingress: [{}]`): it is assigned, and waiting for an address it will never publish would
 * keep the node yellow until a run timed out (gitops-engine's service health counts any entry).
 */
export function loadBalancerStatus(object: unknown): { assigned: boolean; address?: string } {
  const entries = records(object, 'status', 'loadBalancer', 'ingress');
  for (const entry of entries) {
    const address = str(entry, 'ip') ?? str(entry, 'hostname');
    if (address) return { assigned: true, address };
  }
  return { assigned: entries.length > 0 };
}

function formatSelector(selector: Record<string, unknown>): string {
  return Object.entries(selector)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(',');
}
