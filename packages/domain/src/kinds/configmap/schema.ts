import { z } from 'zod';
import { requiredOr } from '../shared/messages.ts';
import { baseFields } from '../shared/base-fields.ts';
import { configKey, mountPath } from '../shared/names.ts';

/** The API server refuses ConfigMaps and Secrets larger than 1 MiB. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Bytes of `value` in UTF-8, counted without encoding it (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export const configmapDataSchema = z
  .strictObject({
    ...baseFields(),
    data: z.record(configKey(), z.string({ error: requiredOr('must be a string') })).default(() => ({})),
    /** Mounted as files here; without it the keys become environment variables (envFrom). */
    mountPath: mountPath().optional(),
  })
  .superRefine((value, ctx) => {
    const size = Object.entries(value.data).reduce((sum, [k, v]) => sum + utf8Length(k) + utf8Length(v), 0);
    if (size > MAX_CONFIG_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['data'], message: `must be at most 1 MiB in total, got ${size} bytes` });
    }
  });

export type ConfigmapData = z.output<typeof configmapDataSchema>;
