import { SECRET_PLACEHOLDERS } from '../diff/redact.ts';
import { applyRank } from '../render/apply-order.ts';
import type { RenderedManifest } from '../render/rendered-manifest.ts';
import { manifestText, type ManifestText } from './manifest-text.ts';
import { unifiedDiff } from './unified-diff.ts';

export type ManifestSummary = {
  /** "apiVersion/kind/namespace/name", the object's identity. */
  id: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  nodeId: string;
};

/** `diff` is a unified diff of the YAML renderings (all "+" for added, all "-" for removed). */
export type ManifestChange = ManifestSummary & { diff: string };

export type ManifestDiff = {
  added: ManifestChange[];
  removed: ManifestChange[];
  changed: ManifestChange[];
  unchanged: number;
};

/**
 * Compares two sets of rendered manifests object by object (SPEC §6). Output is sorted in
 * apply order, then by identity. Secret data is never shown: each value reads "(hidden)", or
 * "(changed)" on the new side when it differs. `text` may remember texts of objects compared before.
 */
export function compareManifests(a: readonly RenderedManifest[], b: readonly RenderedManifest[], text: ManifestText = manifestText): ManifestDiff {
  const before = byId(a);
  const after = byId(b);
  const rank = new Map<string, number>();
  for (const [id, m] of [...after, ...before]) rank.set(id, applyRank(m.kind));
  const ids = [...rank.keys()].sort((x, y) => rank.get(x)! - rank.get(y)! || (x < y ? -1 : x > y ? 1 : 0));
  const diff: ManifestDiff = { added: [], removed: [], changed: [], unchanged: 0 };

  for (const id of ids) {
    const old = before.get(id);
    const next = after.get(id);
    const [oldObject, newObject] = redactSecrets(old, next);
    // Most objects of two versions are equal: skip rendering YAML for those (the same JSON
    // always renders the same YAML, so the diff would be empty).
    if (oldObject && newObject && text.equal(oldObject, newObject)) {
      diff.unchanged++;
      continue;
    }
    const lines = unifiedDiff(oldObject === undefined ? '' : text.yaml(oldObject), newObject === undefined ? '' : text.yaml(newObject), {
      old: old ? `a/${id}` : '/dev/null',
      new: next ? `b/${id}` : '/dev/null',
    });
    const summary = summarize(id, (next ?? old) as RenderedManifest);
    if (!old) diff.added.push({ ...summary, diff: lines });
    else if (!next) diff.removed.push({ ...summary, diff: lines });
    else if (lines !== '') diff.changed.push({ ...summary, diff: lines });
    else diff.unchanged++;
  }
  return diff;
}

export function manifestId(m: Pick<RenderedManifest, 'apiVersion' | 'kind' | 'namespace' | 'name'>): string {
  return `${m.apiVersion}/${m.kind}/${m.namespace ?? ''}/${m.name}`;
}

function byId(manifests: readonly RenderedManifest[]): Map<string, RenderedManifest> {
  const map = new Map<string, RenderedManifest>();
  for (const m of manifests) {
    const id = manifestId(m);
    if (!map.has(id)) map.set(id, m);
  }
  return map;
}

function summarize(id: string, m: RenderedManifest): ManifestSummary {
  return {
    id,
    apiVersion: m.apiVersion,
    kind: m.kind,
    ...(m.namespace === undefined ? {} : { namespace: m.namespace }),
    name: m.name,
    nodeId: m.nodeId,
  };
}

type Values = Record<string, unknown>;

/** Copies of both objects with every Secret value replaced by a placeholder that still shows change. */
function redactSecrets(a: RenderedManifest | undefined, b: RenderedManifest | undefined): [object | undefined, object | undefined] {
  const isSecret = (m: RenderedManifest | undefined) => m?.kind === 'Secret';
  if (!isSecret(a) && !isSecret(b)) return [a?.object, b?.object];
  const oldObject = a ? ({ ...a.object } as Values) : undefined;
  const newObject = b ? ({ ...b.object } as Values) : undefined;
  for (const field of ['data', 'stringData']) {
    const oldValues = (oldObject?.[field] ?? {}) as Values;
    const newValues = (newObject?.[field] ?? {}) as Values;
    if (oldObject && oldObject[field] !== undefined) {
      oldObject[field] = Object.fromEntries(Object.keys(oldValues).map((k) => [k, SECRET_PLACEHOLDERS.hidden]));
    }
    if (newObject && newObject[field] !== undefined) {
      newObject[field] = Object.fromEntries(
        Object.keys(newValues).map((k) => [k, k in oldValues && oldValues[k] !== newValues[k] ? SECRET_PLACEHOLDERS.changed : SECRET_PLACEHOLDERS.hidden]),
      );
    }
  }
  return [oldObject, newObject];
}
