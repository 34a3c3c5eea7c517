import { defineKind } from '../kind-definition.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderDaemonset } from './render.ts';
import { daemonsetDataSchema } from './schema.ts';

export const daemonsetKind = defineKind({
  kind: 'daemonset',
  label: 'DaemonSet',
  description: 'One pod on every (selected) node, for agents such as log shippers.',
  category: 'workloads',
  k8s: { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  nameSchema: dns1123Label(),
  dataSchema: daemonsetDataSchema,
  defaults: { namespace: 'default', resources: defaultResources(), image: 'fluent/fluent-bit:3.2', ports: [], env: [], updateStrategy: 'RollingUpdate', tolerations: [] },
  connectsTo: [],
  render: renderDaemonset,
});
