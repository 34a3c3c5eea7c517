import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import { objectMeta, sortKeys } from '../shared/object-meta.ts';
import type { ConfigmapData } from './schema.ts';

export function renderConfigmap(node: RenderNode<ConfigmapData>, ctx: RenderContext): K8sObject[] {
  return [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: objectMeta(node, ctx), data: sortKeys(node.data.data) }];
}
