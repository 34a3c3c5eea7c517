import { z } from 'zod';
import { requiredOr } from '../shared/messages.ts';
import { baseFields } from '../shared/base-fields.ts';
import { applyPortShorthand, checkContainer, containerFields, podFields, probeFields } from '../shared/container.ts';
import { labelMap } from '../shared/names.ts';
import { intField } from '../shared/numbers.ts';

const tolerationSchema = z
  .strictObject({
    key: z.string({ error: requiredOr('must be a string') }).optional(),
    operator: z.enum(['Equal', 'Exists']).default('Equal'),
    value: z.string({ error: requiredOr('must be a string') }).optional(),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
    tolerationSeconds: intField(0).optional(),
  })
  .superRefine((t, ctx) => {
    // The same rules the API server enforces, reported on our field names.
    if (t.operator === 'Exists' && t.value) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be empty when operator is Exists' });
    }
    if (!t.key && t.operator !== 'Exists') {
      ctx.addIssue({ code: 'custom', path: ['operator'], message: 'must be Exists when key is empty' });
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      ctx.addIssue({ code: 'custom', path: ['tolerationSeconds'], message: 'is only allowed with effect NoExecute' });
    }
  });

export const daemonsetDataSchema = z
  .strictObject({
    ...baseFields(),
    ...containerFields,
    ...probeFields,
    ...podFields,
    updateStrategy: z.enum(['RollingUpdate', 'OnDelete']).default('RollingUpdate'),
    nodeSelector: labelMap().optional(),
    tolerations: z.array(tolerationSchema).max(50).default(() => []),
  })
  .superRefine(checkContainer)
  .transform(applyPortShorthand);

export type DaemonsetData = z.output<typeof daemonsetDataSchema>;
