// Diagnostics of a node (SPEC §10): small detectors that return findings with evidence and,
// where possible, a fix expressed as a patch to the node's data.

export { applyNodePatch } from './apply-node-patch.ts';
export { diagnoseNode, DETECTORS } from './diagnose-node.ts';
export type { Detector, DiagnosticInput, DiagnosticObservations } from './diagnostic-input.ts';
export {
  SEVERITY_ORDER,
  type AddNodePatch,
  type ConnectPatch,
  type DesignPatch,
  type Evidence,
  type Finding,
  type Fix,
  type NodePatch,
  type Severity,
} from './finding.ts';
