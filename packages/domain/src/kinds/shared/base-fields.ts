import { z } from 'zod';
import { dns1123Label } from './names.ts';

/** `name` and `namespace`, common to every kind; some kinds pass a stricter name schema. */
export function baseFields(name: z.ZodType<string> = dns1123Label()) {
  return {
    name,
    namespace: dns1123Label().default('default'),
  };
}
