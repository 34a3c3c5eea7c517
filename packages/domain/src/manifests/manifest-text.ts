import { objectToYaml } from '../render/manifests-to-yaml.ts';
import { sameJson } from './same-json.ts';

/** How compareManifests tests two objects for equality (as their JSON texts) and writes YAML to show a diff. */
export type ManifestText = {
  equal(a: object, b: object): boolean;
  yaml(object: object): string;
};

export const manifestText: ManifestText = { equal: sameJson, yaml: objectToYaml };

/**
 * A ManifestText that remembers each object's texts, for callers that compare the same rendered
 * objects again and again (immutable version renderings). Keyed by object identity in WeakMaps,
 * so it holds nothing once the objects are gone; the objects must not be mutated afterwards.
 */
export function memoizedManifestText(): ManifestText {
  const yaml = new WeakMap<object, string>();
  const remember = (cache: WeakMap<object, string>, make: (o: object) => string) => (o: object) => {
    let text = cache.get(o);
    if (text === undefined) cache.set(o, (text = make(o)));
    return text;
  };
  // Equality by pair: a first comparison walks both objects (cheaper than writing them out), and
  // the answer holds as long as the objects live.
  const equal = new WeakMap<object, WeakMap<object, boolean>>();
  return {
    equal(a, b) {
      let answers = equal.get(a);
      if (!answers) equal.set(a, (answers = new WeakMap()));
      let answer = answers.get(b);
      if (answer === undefined) answers.set(b, (answer = sameJson(a, b)));
      return answer;
    },
    yaml: remember(yaml, manifestText.yaml),
  };
}
