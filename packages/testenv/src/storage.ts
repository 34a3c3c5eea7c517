import type { StorageV1Api, V1StorageClass } from '@kubernetes/client-node'
import { createIfMissing } from './create-if-missing.ts'

/**
 * The default StorageClass. Name and provisioner are the ones kwok's volume
 * stages (kwok/volume-stages.yaml) select on: kwok plays the provisioner, so
 * a PVC of this class (or of no class: the DefaultStorageClass admission
 * plugin fills it in) gets a PV and becomes Bound within a second or so.
 */
export const DEFAULT_STORAGE_CLASS = 'kwok-volume'
export const STORAGE_PROVISIONER = 'kwok.x-k8s.io/volume'

export function defaultStorageClass(): V1StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: DEFAULT_STORAGE_CLASS,
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    provisioner: STORAGE_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  }
}

/** Idempotent. */
export async function createDefaultStorageClass(storage: StorageV1Api): Promise<void> {
  await createIfMissing(() => storage.createStorageClass({ body: defaultStorageClass() }))
}
