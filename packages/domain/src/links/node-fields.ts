import type { WorkflowNode } from '../graph/workflow-graph.ts';

// Readers for fields of node data that may not have been validated yet: links are recomputed
// on any graph (the canvas shows them early), so nothing here may assume a valid node.

export function nodeName(node: WorkflowNode): string {
  return typeof node.data.name === 'string' ? node.data.name : '';
}

export function nodeNamespace(node: WorkflowNode): string {
  return typeof node.data.namespace === 'string' ? node.data.namespace : 'default';
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The first container port of a workload, from `ports` or the `port` shorthand. */
export function firstContainerPort(node: WorkflowNode): number | undefined {
  const ports = node.data.ports;
  if (Array.isArray(ports)) {
    const first: unknown = ports[0];
    if (typeof first === 'object' && first !== null && 'containerPort' in first && typeof first.containerPort === 'number') {
      return first.containerPort;
    }
  }
  return typeof node.data.port === 'number' ? node.data.port : undefined;
}
