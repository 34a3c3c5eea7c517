import { z } from 'zod';
import { baseFields } from '../shared/base-fields.ts';
import { dns1123Subdomain, mountPath } from '../shared/names.ts';
import { positiveQuantity } from '../shared/quantity.ts';
import { accessModesSchema } from '../statefulset/schema.ts';

export const persistentvolumeclaimDataSchema = z.strictObject({
  ...baseFields(),
  storage: positiveQuantity('10Gi').default('1Gi'),
  accessModes: accessModesSchema.default(() => ['ReadWriteOnce' as const]),
  storageClassName: dns1123Subdomain().optional(),
  volumeMode: z.enum(['Filesystem', 'Block']).default('Filesystem'),
  /** Where linked workloads mount it (the device path for Block volumes). */
  mountPath: mountPath().optional(),
});

export type PersistentvolumeclaimData = z.output<typeof persistentvolumeclaimDataSchema>;
