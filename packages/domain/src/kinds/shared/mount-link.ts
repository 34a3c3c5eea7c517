import type { WorkflowNode } from '../../graph/workflow-graph.ts';
import type { MountLink } from '../../links/link-types.ts';
import { nodeName, optionalString } from '../../links/node-fields.ts';
import type { KindDefinition } from '../kind-definition.ts';
import { pushLink } from './link-lists.ts';

/** ConfigMaps and Secrets: an edge adds the source to the workload's list under `key`. */
export function mountLink(key: '_linkedConfigMaps' | '_linkedSecrets'): NonNullable<KindDefinition['link']> {
  return (source: WorkflowNode, target: WorkflowNode) => {
    const mountPath = optionalString(source.data.mountPath);
    const entry: MountLink = { nodeId: source.id, name: nodeName(source), ...(mountPath === undefined ? {} : { mountPath }) };
    pushLink(target.data, key, entry);
  };
}
