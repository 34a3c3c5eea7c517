import { objectToYaml } from '../render/manifests-to-yaml.ts';
import { sameJson } from './same-json.ts';

/** How compareManifests tests two objects for equality (as their JSON texts) and writes YAML to show a diff. */
export type ManifestText = {
  equal(a: object, b: object): boolean;
  yaml(object: object): string;
};

export const manifestText: ManifestText = { equal: sameJson, yaml: objectToYaml };

/**
 * A ManifestText that remembers each object's YAML and each pair's equality, for callers that
 * compare the same rendered objects again and again (immutable version renderings). Keyed by
 * object identity in WeakMaps, so it holds nothing once the objects are gone; the objects must
 * not be mutated afterwards.
 */
export function memoizedManifestText(): ManifestText {
  const yamls = new WeakMap<object, string>();
  // Equality by pair: a first comparison walks both objects (cheaper than writing them out).
  const answers = new WeakMap<object, WeakMap<object, boolean>>();
  return {
    equal(a, b) {
      let withA = answers.get(a);
      if (!withA) answers.set(a, (withA = new WeakMap()));
      let answer = withA.get(b);
      if (answer === undefined) withA.set(b, (answer = sameJson(a, b)));
      return answer;
    },
    yaml(o) {
      let text = yamls.get(o);
      if (text === undefined) yamls.set(o, (text = objectToYaml(o)));
      return text;
    },
  };
}
