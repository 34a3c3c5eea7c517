import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import type { WorkloadLinks } from '../../links/link-types.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import { podTemplate } from '../shared/pod-template.ts';
import type { JobData } from './schema.ts';

/** A Job spec; the controller generates its selector, so we set none. */
export function jobSpec(node: RenderNode<JobData & WorkloadLinks>, ctx: RenderContext) {
  const data = node.data;
  return compact({
    completions: data.completions,
    parallelism: data.parallelism,
    backoffLimit: data.backoffLimit,
    activeDeadlineSeconds: data.activeDeadlineSeconds,
    ttlSecondsAfterFinished: data.ttlSecondsAfterFinished,
    template: podTemplate(node, ctx, { restartPolicy: data.restartPolicy }),
  });
}

export function renderJob(node: RenderNode<JobData & WorkloadLinks>, ctx: RenderContext): K8sObject[] {
  return [{ apiVersion: 'batch/v1', kind: 'Job', metadata: objectMeta(node, ctx), spec: jobSpec(node, ctx) }];
}
