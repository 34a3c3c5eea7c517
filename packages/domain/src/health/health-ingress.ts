import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeHealth } from './health-state.ts';
import { loadBalancerStatus, NO_ADDRESS } from './health-service.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { objectName, records, str } from './object-fields.ts';

export function ingressHealth(ingress: K8sObject, observed: ObservedObjects): NodeHealth {
  if (observed.services) {
    const existing = new Set(observed.services.map(objectName));
    const missing = ingressBackends(ingress).filter((name) => !existing.has(name));
    if (missing.length > 0) {
      const names = missing.map((n) => `"${n}"`).join(', ');
      return { state: 'error', message: `backend service${missing.length > 1 ? 's' : ''} ${names} not found`, details: { missing } };
    }
  }
  const lb = loadBalancerStatus(ingress);
  if (!lb.assigned) return { state: 'partial', message: 'waiting for an address from the ingress controller' };
  return { state: 'healthy', message: lb.address === undefined ? NO_ADDRESS : `address ${lb.address}` };
}

/** Names of the Services an Ingress routes to, in the order they appear, once each. */
export function ingressBackends(ingress: K8sObject): string[] {
  const names = [
    str(ingress, 'spec', 'defaultBackend', 'service', 'name'),
    ...records(ingress, 'spec', 'rules').flatMap((rule) => records(rule, 'http', 'paths').map((p) => str(p, 'backend', 'service', 'name'))),
  ];
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}
