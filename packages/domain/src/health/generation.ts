import { num } from './object-fields.ts';

/**
 * True while the controller has not yet seen the latest spec: until then the status describes an
 * older version (kubectl rollout status checks the same before anything else).
 */
export function awaitingController(object: unknown): boolean {
  const observed = num(object, 'status', 'observedGeneration');
  const generation = num(object, 'metadata', 'generation');
  return observed === undefined || (generation !== undefined && observed < generation);
}

export const AWAITING_CONTROLLER = 'waiting for the controller to observe the latest spec';
