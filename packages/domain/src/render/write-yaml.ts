import { stringify } from 'yaml';
import { setBounded } from '../kinds/shared/bounded-map.ts';

/**
 * YAML for plain JSON data, byte for byte what `yaml`'s stringify writes with
 * `{ lineWidth: 0, aliasDuplicateObjects: false }`, at a fraction of its cost (it builds a document
 * tree first): comparing two 1,000-object versions writes YAML for every changed object.
 * Only the common shapes are written here: maps, sequences, integers, booleans, null and strings
 * that stay plain. A scalar that needs quoting or a block is written by `yaml` itself and spliced
 * in; anything else (a key that needs quoting, a non-integer number, a non-plain object) throws
 * `NotWritten`, and the caller falls back to `yaml` for the whole object.
 * write-yaml.test.ts compares both on generated data.
 */
export function writeYaml(value: Record<string, unknown>): string {
  const lines: string[] = [];
  writeMap(value, '', lines);
  return lines.length === 0 ? '{}\n' : `${lines.join('\n')}\n`;
}

export class NotWritten extends Error {}
const notWritten = new NotWritten('not written by writeYaml');

const OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

function writeMap(map: Record<string, unknown>, indent: string, lines: string[]): void {
  if (Object.getPrototypeOf(map) !== Object.prototype && Object.getPrototypeOf(map) !== null) throw notWritten;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue; // as yaml does
    if (!isPlain(key)) throw notWritten;
    const head = `${indent}${key}:`;
    if (isCollection(value)) {
      lines.push(head);
      if (Array.isArray(value)) writeSeq(value, `${indent}  `, lines);
      else writeMap(value as Record<string, unknown>, `${indent}  `, lines);
    } else lines.push(`${head} ${scalar(value, indent)}`);
  }
}

function writeSeq(seq: unknown[], indent: string, lines: string[]): void {
  for (const item of seq) {
    if (!isCollection(item)) {
      lines.push(`${indent}- ${scalar(item, indent)}`);
      continue;
    }
    // The item's first line goes after "- "; its other lines are indented under it.
    const inner: string[] = [];
    if (Array.isArray(item)) writeSeq(item, `${indent}  `, inner);
    else writeMap(item as Record<string, unknown>, `${indent}  `, inner);
    lines.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
  }
}

/** A non-empty array or map (empty ones are written inline: [] and {}). */
function isCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'object' && value !== null && Object.values(value).some((v) => v !== undefined);
}

/** A scalar (or empty collection) on a line whose indentation is `indent`. */
function scalar(value: unknown, indent: string): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw notWritten;
    return String(value);
  }
  if (typeof value === 'string') return isPlain(value) ? value : spliced(value, indent);
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return '{}';
  throw notWritten;
}

/**
 * A string as `yaml` writes it as a map value: quoted on one line, or a block scalar whose lines
 * `yaml` indents two spaces past the key (or "- ") that starts it.
 */
function spliced(value: string, indent: string): string {
  const text = quotedByYaml(value);
  if (!text.startsWith('x: ')) throw notWritten;
  const [first, ...rest] = text.slice(3, -1).split('\n');
  return [first, ...rest.map((line) => (line === '' ? line : `${indent}${line}`))].join('\n');
}

/**
 * `yaml`'s text for one string, remembered: the same images, commands and config values recur in
 * every object and every version of a design, and building a YAML document costs ~20 µs a time.
 */
const quoted = new Map<string, string>();
const MAX_QUOTED = 5_000;
const MAX_QUOTED_LENGTH = 4_096;
function quotedByYaml(value: string): string {
  let text = quoted.get(value);
  if (text !== undefined) return text;
  text = stringify({ x: value }, OPTIONS);
  if (value.length <= MAX_QUOTED_LENGTH) setBounded(quoted, value, text, MAX_QUOTED);
  return text;
}

const PLAIN = /^[A-Za-z_./][A-Za-z0-9_./=+@-]*$/;
const QUANTITY = /^[0-9]+(?:m|k|Ki|Mi|Gi|Ti|M|G|T)?$/;
/** Words YAML 1.2's core schema reads as something other than a string. */
const NOT_STRINGS = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)$/;

/** True when `yaml` writes the string as is: a plain scalar that reads back as the same string. */
function isPlain(s: string): boolean {
  if (QUANTITY.test(s)) return !/^[0-9]+$/.test(s); // "10m" stays plain, "10" would read as a number
  return PLAIN.test(s) && !NOT_STRINGS.test(s) && !/^\.[0-9]/.test(s);
}
