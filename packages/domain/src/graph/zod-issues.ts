import type { z } from 'zod';
import type { GraphIssue } from './graph-issue.ts';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
};

/**
 * Messages for issues a schema did not word itself, in the style of the custom ones
 * ("is required", "must be an integer"). Pass as the `error` option of safeParse.
 */
export function friendlyMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'string') {
        if (small && limit === 1) return 'must not be empty';
        return `must be at ${small ? 'least' : 'most'} ${limit} characters`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return `must have at ${small ? 'least' : 'most'} ${limit} item${limit === 1 ? '' : 's'}`;
      }
      const op = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      return `must be ${op} ${limit}`;
    }
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    case 'invalid_key': {
      const inner = issue.issues[0];
      return inner ? inner.message : 'is not a valid key';
    }
    case 'invalid_element':
      return 'has an invalid entry';
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    default:
      return undefined;
  }
}

/** Converts zod issues to graph issues under `prefix`; unknown keys become one issue each. */
export function toGraphIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: (string | number)[],
  ids: { nodeId?: string; edgeId?: string } = {},
): GraphIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ ...ids, path: [...path, key], message: 'is not a known field' }));
    }
    return [{ ...ids, path, message: issue.message }];
  });
}
