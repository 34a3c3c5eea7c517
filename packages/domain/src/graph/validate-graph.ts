import { recomputeLinks } from '../links/recompute-links.ts';
import { checkCycles } from './checks/check-cycles.ts';
import { checkEdges } from './checks/check-edges.ts';
import { checkIdentities } from './checks/check-identities.ts';
import { checkIdSyntax } from './checks/check-id-syntax.ts';
import { checkIds } from './checks/check-ids.ts';
import { checkMounts } from './checks/check-mounts.ts';
import { buildView, type CheckedEdge, type CheckedNode, type GraphCheck } from './checks/graph-view.ts';
import type { GraphIssue } from './graph-issue.ts';
import { parseNodeData } from './parse-node-data.ts';
import { parseWorkflowEdge, parseWorkflowNode } from './parse-envelope.ts';
import { MAX_EDGES, MAX_NODES, type WorkflowGraph } from './workflow-graph.ts';
import { toGraphIssues } from './zod-issues.ts';

export type ValidateGraphResult = { ok: true; graph: WorkflowGraph } | { ok: false; issues: GraphIssue[] };

const GRAPH_CHECKS: readonly GraphCheck[] = [checkIdSyntax, checkIds, checkEdges, checkCycles, checkIdentities, checkMounts];

/**
 * Validates a graph as sent by a client and returns it normalized: view state dropped, kind
 * defaults applied, linked fields recomputed from the edges. Otherwise every issue found, each
 * with its full path, so one round trip shows the user everything to fix.
 */
export function validateGraph(input: unknown): ValidateGraphResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ path: [], message: 'must be an object with nodes and edges' }] };
  }
  const { nodes: rawNodes, edges: rawEdges } = input as { nodes?: unknown; edges?: unknown };
  const shapeIssues = [...listIssues('nodes', rawNodes, MAX_NODES), ...listIssues('edges', rawEdges, MAX_EDGES)];
  if (shapeIssues.length > 0) return { ok: false, issues: shapeIssues };

  const issues: GraphIssue[] = [];
  const nodes: CheckedNode[] = [];
  (rawNodes as unknown[]).forEach((raw, index) => {
    const nodeId = idOf(raw);
    const parsed = parseWorkflowNode(raw);
    if (!parsed.success) {
      issues.push(...toGraphIssues(parsed.error.issues, ['nodes', index], nodeId === undefined ? {} : { nodeId }));
      return;
    }
    const node = parsed.data;
    const data = parseNodeData(node.type, node.data);
    if (data.ok) nodes.push({ index, node, data: data.data });
    else {
      nodes.push({ index, node });
      issues.push(...toGraphIssues(data.issues, ['nodes', index, 'data'], { nodeId: node.id }));
    }
  });

  const edges: CheckedEdge[] = [];
  (rawEdges as unknown[]).forEach((raw, index) => {
    const parsed = parseWorkflowEdge(raw);
    if (parsed.success) edges.push({ index, edge: parsed.data });
    else {
      const edgeId = idOf(raw);
      issues.push(...toGraphIssues(parsed.error.issues, ['edges', index], edgeId === undefined ? {} : { edgeId }));
    }
  });

  const view = buildView(nodes, edges);
  for (const check of GRAPH_CHECKS) issues.push(...check(view));
  if (issues.length > 0) return { ok: false, issues };

  const graph: WorkflowGraph = {
    nodes: nodes.map(({ node, data }) => ({ id: node.id, type: node.type, position: node.position, data: data ?? {} })),
    edges: edges.map(({ edge }) => edge),
  };
  return { ok: true, graph: recomputeLinks(graph) };
}

function listIssues(field: 'nodes' | 'edges', value: unknown, max: number): GraphIssue[] {
  if (!Array.isArray(value)) return [{ path: [field], message: value === undefined ? 'is required' : 'must be an array' }];
  if (value.length > max) return [{ path: [field], message: `must have at most ${max} ${field}` }];
  return [];
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return undefined;
  return typeof raw.id === 'string' ? raw.id : undefined;
}
