import { jobHealth } from '../../health/health-job.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { lines, text } from '../shared/summary.ts';
import { WORKLOAD_DEPLOY_CHECKS, WORKLOAD_DETECTORS, WORKLOAD_OBSERVES } from '../shared/workload.ts';
import { renderJob } from './render.ts';
import { jobDataSchema } from './schema.ts';

export const JOB: AppliedType = { apiVersion: 'batch/v1', kind: 'Job', namespaced: true, applyRank: 100 };

export const jobKind = defineKind({
  kind: 'job',
  label: 'Job',
  description: 'Pods that run to completion once, such as a migration.',
  category: 'workloads',
  shortNames: [],
  summary: (d) => lines(text(d.image), `restart ${text(d.restartPolicy)} · backoff ${text(d.backoffLimit)}`),
  nameSchema: dns1123Label(),
  dataSchema: jobDataSchema,
  seed: { resources: defaultResources(), image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] },
  connectsTo: [],
  targets: 'many',
  objects: [JOB],
  observes: WORKLOAD_OBSERVES,
  render: renderJob,
  deployChecks: WORKLOAD_DEPLOY_CHECKS,
  health: jobHealth,
  detectors: WORKLOAD_DETECTORS,
});
