import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import type { PersistentvolumeclaimData } from './schema.ts';

export function renderPersistentvolumeclaim(node: RenderNode<PersistentvolumeclaimData>, ctx: RenderContext): K8sObject[] {
  const data = node.data;
  return [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: objectMeta(node, ctx),
      spec: compact({
        accessModes: data.accessModes,
        storageClassName: data.storageClassName,
        volumeMode: data.volumeMode,
        resources: { requests: { storage: data.storage } },
      }),
    },
  ];
}
