import { z } from 'zod';
import { baseFields } from '../shared/base-fields.ts';
import { intField } from '../shared/numbers.ts';

const scalingRulesSchema = z.strictObject({
  stabilizationWindowSeconds: intField(0, 3600).optional(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
  policies: z
    .array(z.strictObject({ type: z.enum(['Pods', 'Percent']), value: intField(1), periodSeconds: intField(1, 1800) }))
    .max(10)
    .optional(),
});

export const hpaDataSchema = z
  .strictObject({
    ...baseFields(),
    minReplicas: intField(1).default(1),
    maxReplicas: intField(1).default(3),
    targetCPUUtilizationPercentage: intField(1, 1000).optional(),
    targetMemoryUtilizationPercentage: intField(1, 1000).optional(),
    behavior: z.strictObject({ scaleUp: scalingRulesSchema.optional(), scaleDown: scalingRulesSchema.optional() }).optional(),
  })
  .superRefine((data, ctx) => {
    if (data.maxReplicas < data.minReplicas) {
      ctx.addIssue({ code: 'custom', path: ['maxReplicas'], message: `must be ≥ minReplicas (${data.minReplicas})` });
    }
  });

export type HpaData = z.output<typeof hpaDataSchema>;
