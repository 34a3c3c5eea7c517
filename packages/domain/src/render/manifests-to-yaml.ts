import { stringify } from 'yaml';
import type { RenderedManifest } from './rendered-manifest.ts';
import { NotWritten, writeYaml } from './write-yaml.ts';

/** One object as YAML, keys in the order rendered (deterministic), no line folding. */
export function objectToYaml(object: unknown): string {
  if (typeof object === 'object' && object !== null && !Array.isArray(object)) {
    try {
      return writeYaml(object as Record<string, unknown>);
    } catch (e) {
      if (!(e instanceof NotWritten)) throw e;
    }
  }
  return stringify(object, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** A multi-document YAML stream, as `kubectl apply -f` reads it. */
export function manifestsToYaml(manifests: readonly RenderedManifest[]): string {
  return manifests.map((m) => objectToYaml(m.object)).join('---\n');
}
