/**
 * Status addresses that kwok (kwok/network-stages.yaml) gives to Ingresses
 * and to Services of type LoadBalancer, in place of an ingress controller and
 * a cloud load balancer: `<name>.<namespace>.<domain>`. Both domains are under
 * the reserved `.invalid` TLD, so the addresses never resolve or route.
 */
export const INGRESS_DOMAIN = 'ingress.testenv.invalid'
export const LOADBALANCER_DOMAIN = 'lb.testenv.invalid'

export function ingressHostname(name: string, namespace: string): string {
  return `${name}.${namespace}.${INGRESS_DOMAIN}`
}

export function loadBalancerHostname(name: string, namespace: string): string {
  return `${name}.${namespace}.${LOADBALANCER_DOMAIN}`
}
