import { z } from 'zod';
import { deploymentFields } from '../deployment/schema.ts';
import { baseFields } from '../shared/base-fields.ts';
import { applyPortShorthand, checkContainer } from '../shared/container.ts';
import { dns1035Label, dns1123Label, dns1123Subdomain, mountPath } from '../shared/names.ts';
import { positiveQuantity } from '../shared/quantity.ts';

export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;

export const accessModesSchema = z
  .array(z.enum(ACCESS_MODES))
  .min(1, { error: 'must have at least one access mode' })
  .refine((modes) => new Set(modes).size === modes.length, { error: 'must not repeat an access mode' });

const volumeClaimTemplateSchema = z.strictObject({
  name: dns1123Label(),
  storage: positiveQuantity('10Gi'),
  accessModes: accessModesSchema.default(() => ['ReadWriteOnce' as const]),
  storageClassName: dns1123Subdomain().optional(),
  mountPath: mountPath(),
});

export const statefulsetDataSchema = z
  .strictObject({
    ...deploymentFields,
    // The controller adds a revision-hash label "<name>-<hash>" that must stay ≤ 63 characters.
    ...baseFields(dns1123Label(52)),
    serviceName: dns1035Label().optional(),
    volumeClaimTemplates: z.array(volumeClaimTemplateSchema).max(20).default(() => []),
  })
  .superRefine(checkContainer)
  .superRefine((data, ctx) => {
    if (data.serviceName === undefined && !/^[a-z]/.test(data.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'must start with a letter, since the headless Service is named after it (or set serviceName)',
      });
    }
    const seenNames = new Set<string>();
    const seenPaths = new Set<string>();
    data.volumeClaimTemplates.forEach((template, index) => {
      if (seenNames.has(template.name)) {
        ctx.addIssue({ code: 'custom', path: ['volumeClaimTemplates', index, 'name'], message: 'duplicates another volume claim template' });
      }
      if (seenPaths.has(template.mountPath)) {
        ctx.addIssue({ code: 'custom', path: ['volumeClaimTemplates', index, 'mountPath'], message: 'is already used by another volume claim template' });
      }
      seenNames.add(template.name);
      seenPaths.add(template.mountPath);
    });
  })
  .transform(applyPortShorthand);

export type StatefulsetData = z.output<typeof statefulsetDataSchema>;

/** The governing headless Service's name: serviceName, or "<name>-headless". */
export function headlessServiceName(data: { name: string; serviceName?: string | undefined }): string {
  return data.serviceName ?? `${data.name}-headless`;
}
