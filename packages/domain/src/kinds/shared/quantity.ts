import { z } from 'zod';
import { requiredOr } from './messages.ts';

// Kubernetes resource.Quantity: a non-negative decimal with an optional binary (Ki…Ei),
// decimal (n, u, m, k, M…E) or exponent (e3) suffix.
const QUANTITY = /^\+?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const MULTIPLIERS: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The numeric value of a quantity (e.g. "500m" → 0.5, "1Gi" → 1073741824), or undefined if malformed. */
export function parseQuantity(value: string): number | undefined {
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const number = Number(match[1]);
  const suffix = match[3] ?? '';
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  const multiplier = MULTIPLIERS[suffix];
  return multiplier === undefined ? undefined : number * multiplier;
}

/** A non-negative Kubernetes quantity; `example` shows the expected unit in the message. */
export function quantity(example: string) {
  const message = `must be a Kubernetes quantity such as "${example}"`;
  return z.string({ error: requiredOr(message) }).refine((v) => parseQuantity(v) !== undefined, { error: message });
}

/** A quantity strictly greater than zero (storage sizes). */
export function positiveQuantity(example: string) {
  return quantity(example).refine((v) => (parseQuantity(v) ?? 0) > 0, { error: 'must be greater than 0' });
}
