import type { WorkflowGraph } from '../graph/workflow-graph.ts';

export type SecretValues = Record<string, Record<string, string>>;

/**
 * Splits the write-only secret values out of a graph (SPEC §13): returns the graph with every
 * secret entry's `value` removed, for storing, and the values by node id and key, for the
 * service layer to encrypt. Entries without a value are left out of `values` (keep the stored one).
 */
export function extractSecretValues(graph: WorkflowGraph): { graph: WorkflowGraph; values: SecretValues } {
  const values: SecretValues = {};
  const nodes = graph.nodes.map((node) => {
    if (node.type !== 'secret' || !Array.isArray(node.data.entries)) return node;
    const entries = node.data.entries.map((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null || !('value' in entry)) return entry;
      const { value, ...rest } = entry as { key?: unknown; value?: unknown };
      if (typeof rest.key === 'string' && typeof value === 'string') {
        values[node.id] = { ...values[node.id], [rest.key]: value };
      }
      return rest;
    });
    return { ...node, data: { ...node.data, entries } };
  });
  return { graph: { nodes, edges: graph.edges }, values };
}
