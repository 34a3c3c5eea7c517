import { cronjobHealth } from '../../health/health-cronjob.ts';
import { JOB } from '../job/index.ts';
import { defineKind, type AppliedType } from '../kind-definition.ts';
import { defaultResources } from '../shared/resources.ts';
import { dns1123Label } from '../shared/names.ts';
import { lines, text } from '../shared/summary.ts';
import { WORKLOAD_DEPLOY_CHECKS, WORKLOAD_DETECTORS, WORKLOAD_OBSERVES } from '../shared/workload.ts';
import { renderCronjob } from './render.ts';
import { cronjobDataSchema } from './schema.ts';

export const CRON_JOB: AppliedType = { apiVersion: 'batch/v1', kind: 'CronJob', namespaced: true, applyRank: 110 };

export const cronjobKind = defineKind({
  kind: 'cronjob',
  label: 'CronJob',
  description: 'A Job run on a schedule, such as a nightly backup.',
  category: 'workloads',
  shortNames: ['cj'],
  summary: (d) => lines(text(d.image), text(d.schedule) && `schedule ${text(d.schedule)}`),
  nameSchema: dns1123Label(52),
  dataSchema: cronjobDataSchema,
  seed: {
    resources: defaultResources(),
    image: 'busybox:1.36',
    command: ['sh', '-c', 'date'],
    schedule: '0 3 * * *',
    concurrencyPolicy: 'Forbid',
    restartPolicy: 'OnFailure',
  },
  connectsTo: [],
  targets: 'many',
  objects: [CRON_JOB],
  // Its Jobs carry the template's labels; their pods tell why a run failed.
  observes: [...WORKLOAD_OBSERVES, JOB],
  render: renderCronjob,
  deployChecks: WORKLOAD_DEPLOY_CHECKS,
  health: cronjobHealth,
  detectors: WORKLOAD_DETECTORS,
});
