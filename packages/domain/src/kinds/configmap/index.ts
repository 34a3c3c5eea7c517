import { WORKLOAD_KINDS } from '../node-kinds.ts';
import { defineKind } from '../kind-definition.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderConfigmap } from './render.ts';
import { configmapDataSchema } from './schema.ts';

export const configmapKind = defineKind({
  kind: 'configmap',
  label: 'ConfigMap',
  description: 'Configuration files or variables, mounted into the workloads it connects to.',
  category: 'configuration',
  k8s: { apiVersion: 'v1', kind: 'ConfigMap' },
  nameSchema: dns1123Label(),
  dataSchema: configmapDataSchema,
  defaults: { namespace: 'default', data: {} },
  connectsTo: WORKLOAD_KINDS,
  render: renderConfigmap,
});
