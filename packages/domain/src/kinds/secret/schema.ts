import { z } from 'zod';
import { requiredOr } from '../shared/messages.ts';
import { MAX_CONFIG_BYTES, utf8Length } from '../configmap/schema.ts';
import { baseFields } from '../shared/base-fields.ts';
import { configKey, mountPath } from '../shared/names.ts';

export const SECRET_TYPES = [
  'Opaque',
  'kubernetes.io/tls',
  'kubernetes.io/dockerconfigjson',
  'kubernetes.io/basic-auth',
  'kubernetes.io/ssh-auth',
] as const;

/** Keys the API server requires for each typed Secret. */
const REQUIRED_KEYS: Partial<Record<(typeof SECRET_TYPES)[number], string[]>> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export const secretDataSchema = z
  .strictObject({
    ...baseFields(),
    secretType: z.enum(SECRET_TYPES).default('Opaque'),
    /**
     * The keys. `value` is write-only: the service layer encrypts it and strips it before storing
     * the graph; rendering takes values from the render context.
     */
    entries: z
      .array(z.strictObject({ key: configKey(), value: z.string({ error: requiredOr('must be a string') }).optional() }))
      .max(500)
      .default(() => []),
    mountPath: mountPath().optional(),
  })
  .superRefine((data, ctx) => {
    const keys = new Set<string>();
    let size = 0;
    data.entries.forEach((entry, index) => {
      if (keys.has(entry.key)) ctx.addIssue({ code: 'custom', path: ['entries', index, 'key'], message: 'duplicates another key' });
      keys.add(entry.key);
      size += utf8Length(entry.key) + utf8Length(entry.value ?? '');
    });
    // base64 makes stored values 4/3 larger.
    if (Math.ceil((size * 4) / 3) > MAX_CONFIG_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['entries'], message: 'must be at most 1 MiB in total once encoded' });
    }
    for (const required of REQUIRED_KEYS[data.secretType] ?? []) {
      if (!keys.has(required)) {
        ctx.addIssue({ code: 'custom', path: ['entries'], message: `must include the key "${required}" for type ${data.secretType}` });
      }
    }
    if (data.secretType === 'kubernetes.io/basic-auth' && !keys.has('username') && !keys.has('password')) {
      ctx.addIssue({ code: 'custom', path: ['entries'], message: 'must include "username" or "password" for type kubernetes.io/basic-auth' });
    }
  });

export type SecretData = z.output<typeof secretDataSchema>;
