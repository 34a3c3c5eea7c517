import { objectToYaml } from '../render/manifests-to-yaml.ts';

/** How compareManifests turns an object into text: JSON to test equality, YAML to show a diff. */
export type ManifestText = {
  json(object: object): string;
  yaml(object: object): string;
};

export const manifestText: ManifestText = { json: (o) => JSON.stringify(o), yaml: objectToYaml };

/**
 * A ManifestText that remembers each object's texts, for callers that compare the same rendered
 * objects again and again (immutable version renderings). Keyed by object identity in WeakMaps,
 * so it holds nothing once the objects are gone; the objects must not be mutated afterwards.
 */
export function memoizedManifestText(): ManifestText {
  const json = new WeakMap<object, string>();
  const yaml = new WeakMap<object, string>();
  const remember = (cache: WeakMap<object, string>, make: (o: object) => string) => (o: object) => {
    let text = cache.get(o);
    if (text === undefined) cache.set(o, (text = make(o)));
    return text;
  };
  return { json: remember(json, manifestText.json), yaml: remember(yaml, manifestText.yaml) };
}
