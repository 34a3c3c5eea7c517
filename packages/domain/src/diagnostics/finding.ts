import type { WorkflowEdge, WorkflowNode } from '../graph/workflow-graph.ts';

export type Severity = 'error' | 'warning' | 'info';

/** Worst first: findings are listed in this order. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * A change to one node's data (the design, never YAML): each `path` is set inside `node.data`,
 * creating missing objects and arrays on the way.
 */
export type NodePatch = { op: 'set'; nodeId: string; set: { path: (string | number)[]; value: unknown }[] };

/** Adds a node the design lacks (a ConfigMap a workload reads) and the edges that connect it. */
export type AddNodePatch = { op: 'add-node'; node: WorkflowNode; edges: WorkflowEdge[] };

/** Connects existing nodes (a Service to the workload it was meant for). */
export type ConnectPatch = { op: 'connect'; edges: WorkflowEdge[] };

/** What a fix changes in the design; shown as a diff, applied by saving (which validates it like any edit). */
export type DesignPatch = NodePatch | AddNodePatch | ConnectPatch;

/** A suggested fix; `id` is stable across recomputations so a client can apply it by id. */
export type Fix = { id: string; title: string; description: string; patch: DesignPatch };

export type Evidence = { kind: 'event' | 'status' | 'log'; text: string };

/**
 * One problem found on a node. `id` is unique within a node's findings and stable while the
 * problem lasts (`<type>:<subject>`); `type` names the cause, e.g. 'image-pull.not-found'.
 */
export type Finding = { id: string; type: string; severity: Severity; message: string; evidence: Evidence[]; fix?: Fix };

/** Spreads into a finding: `{ fix }` when there is one, nothing otherwise. */
export function withFix(fix: Fix | undefined): { fix?: Fix } {
  return fix ? { fix } : {};
}
