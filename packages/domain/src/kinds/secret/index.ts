import { WORKLOAD_KINDS } from '../node-kinds.ts';
import { defineKind } from '../kind-definition.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderSecret } from './render.ts';
import { secretDataSchema } from './schema.ts';

export const secretKind = defineKind({
  kind: 'secret',
  label: 'Secret',
  description: 'Sensitive values (passwords, keys, certificates), mounted into the workloads it connects to.',
  category: 'configuration',
  k8s: { apiVersion: 'v1', kind: 'Secret' },
  nameSchema: dns1123Label(),
  dataSchema: secretDataSchema,
  defaults: { namespace: 'default', secretType: 'Opaque', entries: [] },
  connectsTo: WORKLOAD_KINDS,
  render: renderSecret,
});
