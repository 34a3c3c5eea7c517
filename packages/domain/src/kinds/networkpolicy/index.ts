import { WORKLOAD_KINDS } from '../node-kinds.ts';
import { defineKind } from '../kind-definition.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderNetworkpolicy } from './render.ts';
import { networkpolicyDataSchema } from './schema.ts';

export const networkpolicyKind = defineKind({
  kind: 'networkpolicy',
  label: 'NetworkPolicy',
  description: 'Which traffic may reach (or leave) the pods of the workloads it connects to.',
  category: 'security',
  k8s: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  nameSchema: dns1123Label(),
  dataSchema: networkpolicyDataSchema,
  defaults: {
    namespace: 'default',
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { 'app.kubernetes.io/name': 'frontend' } }], ports: [{ port: 80, protocol: 'TCP' }] }],
    egress: [],
  },
  connectsTo: WORKLOAD_KINDS,
  render: renderNetworkpolicy,
});
