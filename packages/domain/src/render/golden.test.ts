import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES } from './golden-cases.ts';
import { manifestsToYaml } from './manifests-to-yaml.ts';
import { renderManifests } from './render-manifests.ts';

// Rendering compared with the reviewed files in __golden__. After an intended change, run
// `UPDATE_GOLDEN=1 npx vitest run src/render` and review the diff of the YAML files.
const update = process.env.UPDATE_GOLDEN === '1';

describe('renderManifests golden files', () => {
  it.each(Object.keys(GOLDEN_CASES))('%s', (name) => {
    const golden = GOLDEN_CASES[name];
    if (!golden) throw new Error(`no case ${name}`);
    const rendered = manifestsToYaml(renderManifests(golden.graph, golden.ctx));
    const file = fileURLToPath(new URL(`./__golden__/${name}.yaml`, import.meta.url));
    if (update) writeFileSync(file, rendered);
    expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(rendered).toBe(readFileSync(file, 'utf8'));
  });
});
