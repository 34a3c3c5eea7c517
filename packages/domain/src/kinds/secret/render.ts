import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import { objectMeta } from '../shared/object-meta.ts';
import { base64Encode } from './base64.ts';
import type { SecretData } from './schema.ts';

/** Stands in for every value when no secret values are given (previews, stored versions). */
export const REDACTED_SECRET_VALUE = '(redacted)';

export function renderSecret(node: RenderNode<SecretData>, ctx: RenderContext): K8sObject[] {
  const values = ctx.secretValues?.[node.id];
  const data: Record<string, string> = {};
  for (const { key } of [...node.data.entries].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    if (ctx.secretValues === undefined) {
      data[key] = REDACTED_SECRET_VALUE;
      continue;
    }
    // checkDeployable refuses a missing value when secret values are given.
    data[key] = base64Encode(values?.[key] ?? '');
  }
  return [{ apiVersion: 'v1', kind: 'Secret', metadata: objectMeta(node, ctx), type: node.data.secretType, data }];
}
