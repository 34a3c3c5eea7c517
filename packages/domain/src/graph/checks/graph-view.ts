import type { GraphIssue } from '../graph-issue.ts';
import { describeNode as describeRuleNode, type RuleNode } from '../../links/edge-rules.ts';
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

/** The node as the edge rules read it: its parsed data when valid, else what was sent. */
export function ruleNode(checked: CheckedNode): RuleNode {
  return { id: checked.node.id, type: checked.node.type, data: checked.data ?? checked.node.data };
}

/** `deployment "web"`, the way messages name a node. */
export function describeNode(node: CheckedNode): string {
  return describeRuleNode(ruleNode(node));
}
