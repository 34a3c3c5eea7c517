import type { WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import { field, isRecord, str } from '../health/object-fields.ts';
import type { NodeKind } from '../kinds/node-kinds.ts';
import { parseQuantity } from '../kinds/shared/quantity.ts';
import { nodeName, nodeNamespace } from '../links/node-fields.ts';

// Readers of node data for fixes. Data may not have been validated (diagnostics run on the saved
// design), so every read tolerates missing or malformed fields.

export function findNode(graph: WorkflowGraph, kind: NodeKind, name: string, namespace: string): WorkflowNode | undefined {
  return graph.nodes.find((n) => n.type === kind && nodeName(n) === name && nodeNamespace(n) === namespace);
}

export function nodeById(graph: WorkflowGraph, id: string | undefined): WorkflowNode | undefined {
  return id === undefined ? undefined : graph.nodes.find((n) => n.id === id);
}

/** `data.resources.<group>.<resource>`, e.g. ('limits', 'memory') → "512Mi". */
export function resourceOf(node: WorkflowNode, group: 'requests' | 'limits', resource: 'cpu' | 'memory'): string | undefined {
  return str(node.data, 'resources', group, resource);
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The node id of a `_linked*` reference ({ nodeId, … }). */
export function linkedNodeId(data: Record<string, unknown>, key: string): string | undefined {
  const link = data[key];
  return isRecord(link) ? str(link, 'nodeId') : undefined;
}

/** The container ports a workload node declares: numbers and names. */
export function declaredPorts(node: WorkflowNode): { numbers: number[]; names: string[] } {
  const ports = Array.isArray(node.data.ports) ? node.data.ports : [];
  const numbers = ports.map((p) => field(p, 'containerPort')).filter((n): n is number => typeof n === 'number');
  const names = ports.map((p) => field(p, 'name')).filter((n): n is string => typeof n === 'string');
  if (typeof node.data.port === 'number') numbers.push(node.data.port);
  return { numbers, names };
}

const WHOLE = /^(\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const MI = 2 ** 20;

/** Twice a memory quantity, in its own unit when it is a whole number ("128Mi" → "256Mi"), else in Mi. */
export function doubleMemory(quantity: string): string | undefined {
  const whole = WHOLE.exec(quantity);
  if (whole) return `${Number(whole[1]) * 2}${whole[2] ?? ''}`;
  const bytes = parseQuantity(quantity);
  return bytes === undefined ? undefined : formatMemory(bytes * 2);
}

/** Bytes as Gi when whole, else Mi rounded up. */
export function formatMemory(bytes: number): string {
  return bytes % 2 ** 30 === 0 && bytes > 0 ? `${bytes / 2 ** 30}Gi` : `${Math.ceil(bytes / MI)}Mi`;
}

/** Cores as millicores, rounded down (at least 1m). */
export function formatCpu(cores: number): string {
  return `${Math.max(1, Math.floor(cores * 1000))}m`;
}

export function quantityValue(quantity: string | undefined): number | undefined {
  return quantity === undefined ? undefined : parseQuantity(quantity);
}
