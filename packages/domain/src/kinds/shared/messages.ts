import type { z } from 'zod';

/**
 * An error option for a type check: "is required" when the field is missing, else `message`.
 * Zod lets a schema's own message win over the contextual one, so the distinction is made here.
 */
export function requiredOr(message: string) {
  return (issue: z.core.$ZodRawIssue) => (issue.input === undefined ? 'is required' : message);
}
