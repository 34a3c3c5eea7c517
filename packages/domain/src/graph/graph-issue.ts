/**
 * One problem found in a workflow graph. `path` is the full field path from the graph root
 * (e.g. `['nodes', 3, 'data', 'replicas']`) so a client can put the message next to the field.
 */
export type GraphIssue = {
  nodeId?: string;
  edgeId?: string;
  path: (string | number)[];
  message: string;
};

/** Renders a path the way people read it: `nodes[3].data.replicas`. */
export function formatIssuePath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
