import { defineKind } from '../kind-definition.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderIngress } from './render.ts';
import { ingressDataSchema } from './schema.ts';

export const ingressKind = defineKind({
  kind: 'ingress',
  label: 'Ingress',
  description: 'HTTP routes from outside the cluster to services, by host and path.',
  category: 'networking',
  k8s: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  nameSchema: dns1123Label(),
  dataSchema: ingressDataSchema,
  defaults: { namespace: 'default', paths: [{ id: 'root', path: '/', pathType: 'Prefix' }], tls: [] },
  connectsTo: ['service'],
  render: renderIngress,
});
