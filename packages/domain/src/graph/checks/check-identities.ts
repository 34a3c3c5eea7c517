import { kindDefinition } from '../../kinds/registry.ts';
import type { GraphIssue } from '../graph-issue.ts';
import { describeNode, type CheckedNode, type GraphView } from './graph-view.ts';

/**
 * Two nodes must never write the same Kubernetes object (kind, namespace, name): the second
 * apply would silently take over the first. This includes a StatefulSet's headless Service.
 */
export function checkIdentities(view: GraphView): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const owners = new Map<string, { node: CheckedNode; what: string }>();
  for (const checked of view.nodes) {
    const data = checked.data;
    if (!data || typeof data.name !== 'string') continue;
    const definition = kindDefinition(checked.node.type);
    const identities = [
      { kind: definition.objects[0].kind, name: data.name, what: describeNode(checked), field: 'name' },
      ...(definition.extraIdentities?.(data) ?? []).map((id) => ({
        ...id,
        what: `the ${id.kind} "${id.name}" of ${describeNode(checked)}`,
        field: id.field ?? 'name',
      })),
    ];
    for (const identity of identities) {
      const key = `${identity.kind}/${String(data.namespace)}/${identity.name}`;
      const owner = owners.get(key);
      if (!owner) {
        owners.set(key, { node: checked, what: identity.what });
        continue;
      }
      issues.push({
        nodeId: checked.node.id,
        path: ['nodes', checked.index, 'data', identity.field],
        message: `${identity.kind} "${identity.name}" in namespace "${String(data.namespace)}" is already defined by ${owner.what} (nodes[${owner.node.index}])`,
      });
    }
  }
  return issues;
}
