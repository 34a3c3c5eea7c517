/**
 * `out[key] = value`, except that an own "__proto__" key (JSON.parse makes one) stays a key
 * instead of replacing the object's prototype. For copies built key by key from input.
 */
export function setOwn<T>(out: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}
