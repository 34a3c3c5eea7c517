import { z } from 'zod';
import { baseFields } from '../shared/base-fields.ts';
import { PROTOCOLS } from '../shared/container.ts';
import { dns1035Label } from '../shared/names.ts';
import { intField, portNumber } from '../shared/numbers.ts';
import { portRef } from '../shared/probes.ts';

export const serviceDataSchema = z
  .strictObject({
    ...baseFields(dns1035Label()),
    serviceType: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).default('ClusterIP'),
    port: portNumber().default(80),
    /** Overrides the linked workload's port; a number or a container port name. */
    targetPort: portRef().optional(),
    nodePort: intField(30000, 32767).optional(),
    sessionAffinity: z.enum(['None', 'ClientIP']).default('None'),
    protocol: z.enum(PROTOCOLS).default('TCP'),
  })
  .superRefine((data, ctx) => {
    if (data.nodePort !== undefined && data.serviceType === 'ClusterIP') {
      ctx.addIssue({ code: 'custom', path: ['nodePort'], message: 'is only allowed when serviceType is NodePort or LoadBalancer' });
    }
  });

export type ServiceData = z.output<typeof serviceDataSchema>;
