import type { NodeKind } from '../kinds/node-kinds.ts';
import { WORKLOAD_KINDS } from '../kinds/node-kinds.ts';
import { detectCrashLoop } from './crash-loop.ts';
import type { DiagnosticInput, Detector } from './diagnostic-input.ts';
import { SEVERITY_ORDER, type Finding } from './finding.ts';
import { detectHpaTarget } from './hpa-target.ts';
import { detectImagePull } from './image-pull.ts';
import { detectIngressBackend } from './ingress-backend.ts';
import { detectMissingConfig } from './missing-config.ts';
import { detectNetworkPolicySelector } from './networkpolicy-selector.ts';
import { detectOomKilled } from './oom-killed.ts';
import { detectPvcPending } from './pvc-pending.ts';
import { detectServiceSelector } from './service-selector.ts';
import { detectServiceTargetPort } from './service-target-port.ts';
import { detectUnschedulable } from './unschedulable.ts';

const WORKLOAD_DETECTORS: readonly Detector[] = [detectImagePull, detectMissingConfig, detectOomKilled, detectCrashLoop, detectUnschedulable];

/** Which detectors run for each kind, in order (the order of findings of equal severity). */
export const DETECTORS: Readonly<Record<NodeKind, readonly Detector[]>> = {
  ...(Object.fromEntries(WORKLOAD_KINDS.map((kind) => [kind, WORKLOAD_DETECTORS])) as Record<(typeof WORKLOAD_KINDS)[number], readonly Detector[]>),
  service: [detectServiceSelector, detectServiceTargetPort],
  ingress: [detectIngressBackend],
  configmap: [],
  secret: [],
  persistentvolumeclaim: [detectPvcPending],
  hpa: [detectHpaTarget],
  networkpolicy: [detectNetworkPolicySelector],
};

/** Every finding for one node: errors first, then warnings, then info; within one, detector order. */
export function diagnoseNode(input: DiagnosticInput): Finding[] {
  const seen = new Set<string>();
  const findings = DETECTORS[input.node.type].flatMap((detect) => detect(input)).filter((f) => !seen.has(f.id) && seen.add(f.id));
  // Array.prototype.sort is stable, so detector order survives within a severity.
  return findings.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}
