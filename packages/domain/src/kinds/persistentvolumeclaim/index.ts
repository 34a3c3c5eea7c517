import { detectPvcPending } from '../../diagnostics/pvc-pending.ts';
import { pvcHealth } from '../../health/health-pvc.ts';
import type { PvcLink } from '../../links/link-types.ts';
import { nodeName, optionalString } from '../../links/node-fields.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { pushLink } from '../shared/link-lists.ts';
import { dns1123Label } from '../shared/names.ts';
import { lines, text } from '../shared/summary.ts';
import { renderPersistentvolumeclaim } from './render.ts';
import { persistentvolumeclaimDataSchema } from './schema.ts';

export const PERSISTENT_VOLUME_CLAIM: AppliedType = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespaced: true, applyRank: 40 };

export const persistentvolumeclaimKind = defineKind({
  kind: 'persistentvolumeclaim',
  label: 'PersistentVolumeClaim',
  description: 'Durable storage that survives pod restarts, mounted into the workloads it connects to.',
  category: 'storage',
  shortNames: ['pvc', 'volume'],
  summary: (d) =>
    lines(`${text(d.storage)} · ${Array.isArray(d.accessModes) ? d.accessModes.join(', ') : ''}`, text(d.mountPath) && `at ${text(d.mountPath)}`),
  nameSchema: dns1123Label(),
  dataSchema: persistentvolumeclaimDataSchema,
  seed: { mountPath: '/data' },
  connectsTo: ['deployment', 'statefulset'],
  targets: 'many',
  link(source, target) {
    const mountPath = optionalString(source.data.mountPath);
    const entry: PvcLink = {
      nodeId: source.id,
      name: nodeName(source),
      ...(mountPath === undefined ? {} : { mountPath }),
      volumeMode: source.data.volumeMode === 'Block' ? 'Block' : 'Filesystem',
    };
    pushLink(target.data, '_linkedPVCs', entry);
  },
  objects: [PERSISTENT_VOLUME_CLAIM],
  observes: [],
  render: renderPersistentvolumeclaim,
  deployChecks: [],
  health: pvcHealth,
  detectors: [detectPvcPending],
});
