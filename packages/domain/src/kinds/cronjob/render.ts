import type { K8sObject, RenderContext, RenderNode } from '../kind-definition.ts';
import type { WorkloadLinks } from '../../links/link-types.ts';
import { jobSpec } from '../job/render.ts';
import { compact, objectMeta } from '../shared/object-meta.ts';
import type { CronjobData } from './schema.ts';

export function renderCronjob(node: RenderNode<CronjobData & WorkloadLinks>, ctx: RenderContext): K8sObject[] {
  const data = node.data;
  const meta = objectMeta(node, ctx);
  return [
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta,
      spec: compact({
        schedule: data.schedule,
        timeZone: data.timeZone,
        concurrencyPolicy: data.concurrencyPolicy,
        suspend: data.suspend,
        startingDeadlineSeconds: data.startingDeadlineSeconds,
        successfulJobsHistoryLimit: data.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: data.failedJobsHistoryLimit,
        jobTemplate: { metadata: { labels: meta.labels }, spec: jobSpec(node, ctx) },
      }),
    },
  ];
}
