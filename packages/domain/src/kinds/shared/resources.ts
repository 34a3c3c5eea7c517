import { z } from 'zod';
import { parseQuantity, quantity } from './quantity.ts';

const cpuMemory = z.strictObject({
  cpu: quantity('500m').optional(),
  memory: quantity('256Mi').optional(),
});

/** Container resources; k8s rejects requests above limits, so we do too, naming the field. */
export const resourcesSchema = z
  .strictObject({ requests: cpuMemory.optional(), limits: cpuMemory.optional() })
  .superRefine((value, ctx) => {
    for (const resource of ['cpu', 'memory'] as const) {
      const request = value.requests?.[resource];
      const limit = value.limits?.[resource];
      if (request === undefined || limit === undefined) continue;
      if ((parseQuantity(request) ?? 0) > (parseQuantity(limit) ?? 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['requests', resource],
          message: `must be ≤ limits.${resource} (${limit})`,
        });
      }
    }
  });

export type Resources = z.infer<typeof resourcesSchema>;
