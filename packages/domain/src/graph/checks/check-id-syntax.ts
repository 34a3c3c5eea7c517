import { isLabelValue } from '../../kinds/shared/names.ts';
import { NODE_LABEL } from '../../kinds/shared/labels.ts';
import type { GraphIssue } from '../graph-issue.ts';
import type { GraphView } from './graph-view.ts';

// Control characters (NUL included) and line breaks: never part of an id a person or a canvas makes.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * A node id becomes the value of the `kubeorch.io/node` label on every object the node renders
 * (and of the selectors that find its pods), so it must be a label value, or the node could be
 * saved but never deployed. Edge ids are never rendered: any 1–100 characters but control ones.
 * The canvas makes UUIDs for both.
 */
export function checkIdSyntax(view: GraphView): GraphIssue[] {
  const issues: GraphIssue[] = [];
  for (const { index, node } of view.nodes) {
    if (isLabelValue(node.id)) continue;
    issues.push({
      nodeId: node.id,
      path: ['nodes', index, 'id'],
      message: `node id ${JSON.stringify(node.id)} cannot be the ${NODE_LABEL} label value: use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
    });
  }
  for (const { index, edge } of view.edges) {
    if (!CONTROL.test(edge.id)) continue;
    issues.push({ edgeId: edge.id, path: ['edges', index, 'id'], message: `edge id ${JSON.stringify(edge.id)} must not contain control characters` });
  }
  return issues;
}
