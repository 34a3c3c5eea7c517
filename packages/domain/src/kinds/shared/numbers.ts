import { z } from 'zod';
import { requiredOr } from './messages.ts';

/**
 * An integer with bounds, failing with one message for every reason (wrong type, fraction,
 * out of range), e.g. "must be an integer ≥ 0".
 */
export function intField(min: number, max?: number) {
  const message =
    max === undefined ? `must be an integer ≥ ${min}` : `must be an integer between ${min} and ${max}`;
  let schema = z.number({ error: requiredOr(message) }).int({ error: message }).min(min, { error: message });
  if (max !== undefined) schema = schema.max(max, { error: message });
  return schema;
}

export const portNumber = () => intField(1, 65535);
