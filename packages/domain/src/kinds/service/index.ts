import { defineKind } from '../kind-definition.ts';
import { dns1035Label } from '../shared/names.ts';
import { renderService } from './render.ts';
import { serviceDataSchema } from './schema.ts';

export const serviceKind = defineKind({
  kind: 'service',
  label: 'Service',
  description: 'A stable address that load-balances traffic to one workload’s pods.',
  category: 'networking',
  k8s: { apiVersion: 'v1', kind: 'Service' },
  nameSchema: dns1035Label(),
  dataSchema: serviceDataSchema,
  defaults: { namespace: 'default', serviceType: 'ClusterIP', port: 80, sessionAffinity: 'None', protocol: 'TCP' },
  connectsTo: ['deployment', 'statefulset', 'daemonset'],
  maxTargets: 1,
  render: renderService,
});
