import { describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from './errors.ts';

describe('ValidationError', () => {
  it('is a DomainError carrying its issues and naming the first field', () => {
    const err = new ValidationError([
      { nodeId: 'n1', path: ['nodes', 3, 'data', 'replicas'], message: 'must be an integer ≥ 0' },
      { path: ['edges', 0], message: 'x' },
    ]);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ValidationError');
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.issues).toHaveLength(2);
    expect(err.message).toBe('nodes[3].data.replicas: must be an integer ≥ 0 (and 1 more)');
  });
});
