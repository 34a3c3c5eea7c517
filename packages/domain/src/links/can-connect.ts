import type { NodeKind } from '../kinds/node-kinds.ts';
import { kindRegistry } from '../kinds/registry.ts';

export type CanConnectResult = { ok: true } | { ok: false; reason: string };

/**
 * Whether an edge may go from a `source` node to a `target` node (SPEC §4). The canvas uses
 * the same predicate as `isValidConnection`, so the rule is written once.
 */
export function canConnect(source: NodeKind, target: NodeKind): CanConnectResult {
  const allowed: readonly NodeKind[] = kindRegistry[source].connectsTo;
  if (allowed.includes(target)) return { ok: true };
  const may =
    allowed.length === 0
      ? `${article(source)} ${source} cannot be the source of an edge`
      : `${article(source)} ${source} may connect to: ${allowed.join(', ')}`;
  const reversed = (kindRegistry[target].connectsTo as readonly NodeKind[]).includes(source)
    ? ` (draw the edge from the ${target} to the ${source})`
    : '';
  return { ok: false, reason: `${source} cannot connect to ${target}: ${may}${reversed}` };
}

/**
 * The indefinite article for a kind's id or label, as it is said: "an ingress", "an hpa" (an
 * aitch), "a service", "a HorizontalPodAutoscaler".
 */
export const article = (word: string): 'a' | 'an' => (/^([aeiou]|hpa\b)/i.test(word) ? 'an' : 'a');
