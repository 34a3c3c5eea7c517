import { isLinkedKey, stripKeys } from '../graph/derived-keys.ts';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../graph/workflow-graph.ts';
import { podSelectorLabels } from '../kinds/shared/labels.ts';
import { canConnect } from './can-connect.ts';
import type { MountLink, PolicyWorkloadLink, PvcLink } from './link-types.ts';
import { firstContainerPort, nodeName, optionalString } from './node-fields.ts';

/**
 * Edges are the source of truth: strips every `_linked*` key and recomputes them from the
 * edges, so deleting an edge removes exactly what it set and renaming a node updates every
 * link. Idempotent. Edges that validation would refuse (unknown node, self-loop, pair not
 * allowed) set nothing; where only one target is allowed, the first edge in order wins.
 */
export function recomputeLinks(graph: WorkflowGraph): WorkflowGraph {
  // stripKeys copies each node's data and every ingress path, the only objects `link` writes to
  // (link lists start empty once the old ones are stripped), so the input is never mutated
  // without a deep clone of every node.
  const nodes = graph.nodes.map((node) => ({ ...node, data: stripKeys(node.type, node.data, isLinkedKey) }));
  const byId = new Map<string, WorkflowNode>();
  for (const node of nodes) if (!byId.has(node.id)) byId.set(node.id, node);

  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target || source === target || !canConnect(source.type, target.type).ok) continue;
    link(source, target, edge);
  }
  for (const node of nodes) sortLinkLists(node.data);
  return { nodes, edges: graph.edges.map((edge) => ({ ...edge })) };
}

function link(source: WorkflowNode, target: WorkflowNode, edge: WorkflowEdge): void {
  const ref = { nodeId: target.id, name: nodeName(target) };
  switch (source.type) {
    case 'service': {
      if (source.data._linkedDeployment !== undefined) return;
      const targetPort = firstContainerPort(target);
      source.data._linkedDeployment = {
        ...ref,
        kind: target.type,
        selector: podSelectorLabels(target.id, ref.name),
        ...(targetPort === undefined ? {} : { targetPort }),
      };
      return;
    }
    case 'hpa':
      if (source.data._linkedDeployment !== undefined) return;
      source.data._linkedDeployment = { ...ref, kind: target.type };
      if (target.data._linkedHPA === undefined) target.data._linkedHPA = { nodeId: source.id, name: nodeName(source) };
      return;
    case 'ingress': {
      const paths = source.data.paths;
      if (!Array.isArray(paths)) return;
      // An edge without sourceHandle routes the first path (a canvas with one handle).
      const index = edge.sourceHandle ? paths.findIndex((p) => isObject(p) && p.id === edge.sourceHandle) : 0;
      const path: unknown = paths[index];
      if (!isObject(path) || path._linkedService !== undefined) return;
      const port = typeof target.data.port === 'number' ? target.data.port : undefined;
      path._linkedService = { ...ref, ...(port === undefined ? {} : { port }) };
      return;
    }
    case 'configmap':
    case 'secret': {
      const key = source.type === 'configmap' ? '_linkedConfigMaps' : '_linkedSecrets';
      const mountPath = optionalString(source.data.mountPath);
      const entry: MountLink = { nodeId: source.id, name: nodeName(source), ...(mountPath === undefined ? {} : { mountPath }) };
      push(target.data, key, entry);
      return;
    }
    case 'persistentvolumeclaim': {
      const mountPath = optionalString(source.data.mountPath);
      const entry: PvcLink = {
        nodeId: source.id,
        name: nodeName(source),
        ...(mountPath === undefined ? {} : { mountPath }),
        volumeMode: source.data.volumeMode === 'Block' ? 'Block' : 'Filesystem',
      };
      push(target.data, '_linkedPVCs', entry);
      return;
    }
    case 'networkpolicy': {
      const entry: PolicyWorkloadLink = { ...ref, kind: target.type, podLabels: podSelectorLabels(target.id, ref.name) };
      push(source.data, '_linkedWorkloads', entry);
      return;
    }
    default:
      return;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends to a link list, once per linked node (duplicate edges link once). */
function push(data: Record<string, unknown>, key: string, entry: { nodeId: string }): void {
  const list = Array.isArray(data[key]) ? (data[key] as { nodeId: string }[]) : [];
  if (!list.some((e) => e.nodeId === entry.nodeId)) list.push(entry);
  data[key] = list;
}

const LIST_KEYS = ['_linkedConfigMaps', '_linkedSecrets', '_linkedPVCs', '_linkedWorkloads'];

/** Link lists are ordered by name, then node id, so edge order never changes the result. */
function sortLinkLists(data: Record<string, unknown>): void {
  for (const key of LIST_KEYS) {
    const list = data[key];
    if (!Array.isArray(list)) continue;
    (list as { nodeId: string; name: string }[]).sort((a, b) => compare(a.name, b.name) || compare(a.nodeId, b.nodeId));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
