import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import type { NodeKind } from '../kinds/node-kinds.ts';

/** A node with the given data and a fixed position, for tests and seeds. */
export function makeNode(type: NodeKind, id: string, data: Record<string, unknown>, position = { x: 0, y: 0 }): WorkflowNode {
  return { id, type, position, data };
}

export function makeEdge(id: string, source: string, target: string, sourceHandle?: string): WorkflowEdge {
  return sourceHandle === undefined ? { id, source, target } : { id, source, target, sourceHandle };
}

export function makeGraph(nodes: WorkflowNode[], edges: WorkflowEdge[] = []): WorkflowGraph {
  return { nodes, edges };
}
