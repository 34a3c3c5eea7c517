import { defineKind } from '../kind-definition.ts';
import { dns1123Label } from '../shared/names.ts';
import { renderPersistentvolumeclaim } from './render.ts';
import { persistentvolumeclaimDataSchema } from './schema.ts';

export const persistentvolumeclaimKind = defineKind({
  kind: 'persistentvolumeclaim',
  label: 'PersistentVolumeClaim',
  description: 'Durable storage that survives pod restarts, mounted into the workloads it connects to.',
  category: 'storage',
  k8s: { apiVersion: 'v1', kind: 'PersistentVolumeClaim' },
  nameSchema: dns1123Label(),
  dataSchema: persistentvolumeclaimDataSchema,
  defaults: { namespace: 'default', storage: '1Gi', accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', mountPath: '/data' },
  connectsTo: ['deployment', 'statefulset'],
  render: renderPersistentvolumeclaim,
});
