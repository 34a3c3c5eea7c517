import type { GraphIssue } from '../graph-issue.ts';
import type { WorkflowEdge, WorkflowNode } from '../workflow-graph.ts';

/** A structurally valid node; `data` is its parsed data, absent when the kind schema refused it. */
export type CheckedNode = { index: number; node: WorkflowNode; data?: Record<string, unknown> };
export type CheckedEdge = { index: number; edge: WorkflowEdge };

/** What the cross-node checks look at; `byId` holds the first node of each id. */
export type GraphView = { nodes: CheckedNode[]; edges: CheckedEdge[]; byId: Map<string, CheckedNode> };

export type GraphCheck = (view: GraphView) => GraphIssue[];

export function buildView(nodes: CheckedNode[], edges: CheckedEdge[]): GraphView {
  const byId = new Map<string, CheckedNode>();
  for (const node of nodes) if (!byId.has(node.node.id)) byId.set(node.node.id, node);
  return { nodes, edges, byId };
}

/** `deployment "web"`, the way messages name a node. */
export function describeNode(node: CheckedNode): string {
  const name = (node.data ?? node.node.data).name;
  return typeof name === 'string' && name !== '' ? `${node.node.type} "${name}"` : `${node.node.type} ${node.node.id}`;
}

export function namespaceOf(node: CheckedNode): string {
  const namespace = (node.data ?? node.node.data).namespace;
  return typeof namespace === 'string' ? namespace : 'default';
}
