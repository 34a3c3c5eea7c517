/**
 * Stores `value` under `key` as the newest entry, dropping the oldest once `map` holds more than
 * `max`: a memo that cannot grow without bound (Map keeps insertion order).
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}
