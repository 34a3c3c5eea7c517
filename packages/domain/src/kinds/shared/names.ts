import { z } from 'zod';
import { requiredOr } from './messages.ts';

// Kubernetes name grammars (k8s.io/apimachinery/pkg/util/validation). Each schema carries one
// message for every way it can fail, so the client shows a single, precise reason.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IANA_SVC_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Keys that would touch Object.prototype when copied with `obj[key] = …`. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const DNS1123_LABEL_MESSAGE =
  'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters';

export function isDns1123Label(value: string, maxLength = 63): boolean {
  return value.length <= maxLength && DNS1123_LABEL.test(value);
}

export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** A DNS-1123 label, optionally shorter than 63 (CronJob names leave room for the Job suffix). */
export function dns1123Label(maxLength = 63) {
  const message =
    maxLength === 63
      ? DNS1123_LABEL_MESSAGE
      : DNS1123_LABEL_MESSAGE.replace('at most 63', `at most ${maxLength}`);
  return z.string({ error: requiredOr(message) }).refine((v) => isDns1123Label(v, maxLength), { error: message });
}

/** Service names must also start with a letter (DNS-1035). */
export function dns1035Label() {
  const message =
    'must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter, ending with a letter or digit, at most 63 characters';
  return z.string({ error: requiredOr(message) }).refine(isDns1035Label, { error: message });
}

export function dns1123Subdomain() {
  const message =
    'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", each part starting and ending with a letter or digit, at most 253 characters';
  return z.string({ error: requiredOr(message) }).refine(isDns1123Subdomain, { error: message });
}

/** A named port (IANA_SVC_NAME): ≤15 chars, lowercase alnum and '-', at least one letter, no '--'. */
export function isIanaSvcName(value: string): boolean {
  return (
    value.length >= 1 &&
    value.length <= 15 &&
    IANA_SVC_NAME.test(value) &&
    /[a-z]/.test(value) &&
    !value.includes('--')
  );
}

export function portName() {
  const message =
    'must be a port name: at most 15 lowercase letters, digits and "-", with at least one letter';
  return z.string({ error: requiredOr(message) }).refine(isIanaSvcName, { error: message });
}

/** Keys of ConfigMap and Secret data. */
export function configKey() {
  const message = 'must be a key of letters, digits, "-", "_" and ".", at most 253 characters';
  return z
    .string({ error: requiredOr(message) })
    .refine((v) => v.length <= 253 && CONFIG_KEY.test(v) && v !== '.' && v !== '..', {
      error: message,
    })
    .refine((v) => !FORBIDDEN_KEYS.has(v), { error: 'is a reserved key' });
}

export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** A label map as used by selectors (matchLabels) and nodeSelector. */
export function labelMap() {
  return z
    .record(z.string(), z.string({ error: requiredOr('must be a string') }))
    .superRefine((labels, ctx) => {
      for (const [key, value] of Object.entries(labels)) {
        if (FORBIDDEN_KEYS.has(key) || !isLabelKey(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'must be a label key: an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or "."',
          });
        } else if (!isLabelValue(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'must be a label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
          });
        }
      }
    });
}

export function envVarName() {
  const message = 'must be an environment variable name: letters, digits, "_", "-" and ".", not starting with a digit';
  return z.string({ error: requiredOr(message) }).refine((v) => ENV_NAME.test(v), { error: message });
}

/** An absolute path inside a container; ':' is not allowed by the kubelet. */
export function mountPath() {
  const message = 'must be an absolute path (starting with "/") without ":"';
  return z
    .string({ error: requiredOr(message) })
    .refine((v) => v.startsWith('/') && !v.includes(':') && v.length <= 4096, { error: message })
    .refine((v) => !v.split('/').includes('..'), { error: 'must not contain ".."' });
}

/** A container image reference; the registry decides the rest, we only reject what can never work. */
export function imageRef() {
  return z
    .string({ error: requiredOr('must be a container image reference, e.g. "nginx:1.27"') })
    .min(1, { error: 'is required' })
    .max(1024, { error: 'must be at most 1024 characters' })
    .refine((v) => !/\s/.test(v), { error: 'must not contain whitespace' });
}
