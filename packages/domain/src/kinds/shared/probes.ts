import { z } from 'zod';
import { requiredOr } from './messages.ts';
import { intField, portNumber } from './numbers.ts';
import { portName } from './names.ts';

/** A port given by number or by the container port's name. */
export const portRef = () =>
  z.union([portNumber(), portName()], { error: 'must be a port number (1-65535) or a port name' });

const probeSchema = z
  .strictObject({
    httpGet: z
      .strictObject({
        path: z.string({ error: requiredOr('must be a path starting with "/"') }).refine((v) => v.startsWith('/'), {
          error: 'must be a path starting with "/"',
        }),
        port: portRef(),
        scheme: z.enum(['HTTP', 'HTTPS']).optional(),
      })
      .optional(),
    tcpSocket: z.strictObject({ port: portRef() }).optional(),
    exec: z
      .strictObject({ command: z.array(z.string()).min(1, { error: 'must have at least one item' }) })
      .optional(),
    initialDelaySeconds: intField(0).optional(),
    periodSeconds: intField(1).optional(),
    timeoutSeconds: intField(1).optional(),
    successThreshold: intField(1).optional(),
    failureThreshold: intField(1).optional(),
  })
  .superRefine((probe, ctx) => {
    const handlers = (['httpGet', 'tcpSocket', 'exec'] as const).filter((h) => probe[h] !== undefined);
    if (handlers.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          handlers.length === 0
            ? 'must have exactly one of httpGet, tcpSocket or exec'
            : `must have exactly one of httpGet, tcpSocket or exec, got ${handlers.join(' and ')}`,
      });
    }
  });

export const probesSchema = z
  .strictObject({
    liveness: probeSchema.optional(),
    readiness: probeSchema.optional(),
    startup: probeSchema.optional(),
  })
  .superRefine((probes, ctx) => {
    // The API server rejects liveness and startup probes whose successThreshold is not 1.
    for (const kind of ['liveness', 'startup'] as const) {
      const threshold = probes[kind]?.successThreshold;
      if (threshold !== undefined && threshold !== 1) {
        ctx.addIssue({ code: 'custom', path: [kind, 'successThreshold'], message: `must be 1 for a ${kind} probe` });
      }
    }
  });

export type Probe = z.infer<typeof probeSchema>;
export type Probes = z.infer<typeof probesSchema>;
