import { CoreV1Api, StorageV1Api } from '@kubernetes/client-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_STORAGE_CLASS, STORAGE_PROVISIONER } from '../src/storage.ts'
import { createNamespace, deleteNamespace, kubeConfig, waitFor } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const storage = kc.makeApiClient(StorageV1Api)

describe('volume stages', () => {
  let namespace: string
  beforeEach(async () => {
    namespace = await createNamespace(core)
  })
  afterEach(async () => {
    await deleteNamespace(core, namespace)
  })

  it('has a default StorageClass played by kwok', async () => {
    const sc = await storage.readStorageClass({ name: DEFAULT_STORAGE_CLASS })
    expect(sc.provisioner).toBe(STORAGE_PROVISIONER)
    expect(sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true')
  })

  it('binds a PVC without storageClassName to a provisioned PV, and deletes the PV with the PVC', async () => {
    await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    })
    const pvc = await waitFor('PVC Bound', async () => {
      const c = await core.readNamespacedPersistentVolumeClaim({ name: 'data', namespace })
      return c.status?.phase === 'Bound' ? c : undefined
    }, 30_000)
    expect(pvc.spec?.storageClassName).toBe(DEFAULT_STORAGE_CLASS)
    expect(pvc.status?.capacity?.storage).toBe('1Gi')
    const volumeName = pvc.spec!.volumeName!
    expect(volumeName).toBe(`pvc-${pvc.metadata!.uid}`)

    const pv = await waitFor('PV Bound', async () => {
      const v = await core.readPersistentVolume({ name: volumeName })
      return v.status?.phase === 'Bound' ? v : undefined
    }, 30_000)
    expect(pv.spec?.claimRef).toMatchObject({ name: 'data', namespace, uid: pvc.metadata!.uid })
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe('Delete')

    await core.deleteNamespacedPersistentVolumeClaim({ name: 'data', namespace })
    await waitFor('PV deleted', async () => {
      const list = await core.listPersistentVolume()
      return list.items.some((v) => v.metadata?.name === volumeName) ? undefined : true
    }, 30_000)
  })
})
