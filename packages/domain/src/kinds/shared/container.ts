import { z } from 'zod';
import { requiredOr } from './messages.ts';
import { dns1123Subdomain, envVarName, imageRef, portName } from './names.ts';
import { portNumber } from './numbers.ts';
import { probesSchema } from './probes.ts';
import { resourcesSchema } from './resources.ts';

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

export const containerPortSchema = z.strictObject({
  containerPort: portNumber(),
  name: portName().optional(),
  protocol: z.enum(PROTOCOLS).default('TCP'),
});

export const envVarSchema = z.strictObject({
  name: envVarName(),
  value: z.string({ error: requiredOr('must be a string') }).default(''),
});

/** Fields of the single container every workload kind runs. */
export const containerFields = {
  image: imageRef(),
  /**
   * Shorthand for one TCP port, kept for scripts; normalized into `ports` (see applyPortShorthand).
   * Marked deprecated so forms offer one way to say ports: `ports`.
   */
  port: portNumber().optional().meta({ deprecated: true, description: 'Shorthand for one TCP port; use ports' }),
  ports: z.array(containerPortSchema).max(100).default(() => []),
  env: z.array(envVarSchema).max(500).default(() => []),
  command: z.array(z.string({ error: requiredOr('must be a string') })).optional(),
  args: z.array(z.string({ error: requiredOr('must be a string') })).optional(),
  resources: resourcesSchema.optional(),
};

export const podFields = {
  imagePullSecrets: z.array(dns1123Subdomain()).optional(),
};

export const probeFields = { probes: probesSchema.optional() };

type ContainerLike = {
  port?: number | undefined;
  ports: { containerPort: number; name?: string | undefined; protocol: string }[];
  env: { name: string }[];
  imagePullSecrets?: string[] | undefined;
};

/** Cross-field rules of a container: no duplicate ports, port names or env names. */
export function checkContainer(value: ContainerLike, ctx: z.RefinementCtx): void {
  if (value.port !== undefined && value.ports.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['port'], message: 'use either port or ports, not both' });
  }
  reportDuplicates(ctx, value.ports, (p) => `${p.containerPort}/${p.protocol}`, 'containerPort', 'duplicates another port with the same protocol');
  reportDuplicates(ctx, value.ports, (p) => p.name, 'name', 'duplicates another port name');
  reportDuplicates(ctx, value.env, (e) => e.name, 'name', 'duplicates another environment variable', 'env');
  if (value.imagePullSecrets) {
    value.imagePullSecrets.forEach((name, index) => {
      if (value.imagePullSecrets?.indexOf(name) !== index) {
        ctx.addIssue({ code: 'custom', path: ['imagePullSecrets', index], message: 'is listed twice' });
      }
    });
  }
}

function reportDuplicates<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
  field: string,
  message: string,
  list = 'ports',
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) return;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [list, index, field], message });
    seen.add(key);
  });
}

/** Moves the `port` shorthand into `ports` so everything downstream reads one field. */
export function applyPortShorthand<T extends { port?: number | undefined; ports: z.infer<typeof containerPortSchema>[] }>(
  value: T,
): Omit<T, 'port'> {
  const { port, ...rest } = value;
  if (port === undefined) return rest;
  return { ...rest, ports: [{ containerPort: port, protocol: 'TCP' as const }] };
}

export type ContainerPort = z.infer<typeof containerPortSchema>;
export type EnvVar = z.infer<typeof envVarSchema>;
