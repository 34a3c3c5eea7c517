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

/**
 * Requests a new workload starts with, and an autoscaler fix suggests: small enough for any
 * cluster, and set, because a utilization target is a percentage of the request.
 */
export const DEFAULT_REQUESTS = { cpu: '100m', memory: '128Mi' } as const;

/** A new workload's `resources` (a fresh object each time: defaults are cloned per node anyway). */
export const defaultResources = () => ({ requests: { ...DEFAULT_REQUESTS } });
