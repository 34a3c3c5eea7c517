import { kindDefinition } from '../kinds/registry.ts';
import { NODE_KINDS, type NodeKind } from '../kinds/node-kinds.ts';
import type { DiagnosticInput, Detector } from './diagnostic-input.ts';
import { SEVERITY_ORDER, type Finding } from './finding.ts';

/** Which detectors run for each kind, in order (the order of findings of equal severity): each kind's definition lists its own. */
export const DETECTORS: Readonly<Record<NodeKind, readonly Detector[]>> = Object.fromEntries(
  NODE_KINDS.map((kind) => [kind, kindDefinition(kind).detectors]),
) as Record<NodeKind, readonly Detector[]>;

/** Every finding for one node: errors first, then warnings, then info; within one, detector order. */
export function diagnoseNode(input: DiagnosticInput): Finding[] {
  const seen = new Set<string>();
  const findings = DETECTORS[input.node.type].flatMap((detect) => detect(input)).filter((f) => !seen.has(f.id) && seen.add(f.id));
  // Array.prototype.sort is stable, so detector order survives within a severity.
  return findings.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}
