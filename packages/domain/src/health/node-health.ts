import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeKind } from '../kinds/node-kinds.ts';
import { kindRegistry } from '../kinds/registry.ts';
import { cronjobHealth } from './health-cronjob.ts';
import { daemonsetHealth } from './health-daemonset.ts';
import { deploymentHealth } from './health-deployment.ts';
import { genericHealth } from './health-generic.ts';
import { hpaHealth } from './health-hpa.ts';
import { ingressHealth } from './health-ingress.ts';
import { jobHealth } from './health-job.ts';
import { presentHealth } from './health-present.ts';
import { pvcHealth } from './health-pvc.ts';
import type { NodeHealth } from './health-state.ts';
import { serviceHealth } from './health-service.ts';
import { statefulsetHealth } from './health-statefulset.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { isTerminating } from './object-fields.ts';

type HealthCheck = (main: K8sObject, observed: ObservedObjects, now: Date) => NodeHealth;

/**
 * A kind's own check; each gets the kind's main object (found, not being deleted). A kind without
 * one is judged by `genericHealth` (conditions and observedGeneration, as kstatus reads them).
 */
const HEALTH_CHECKS: Partial<Record<NodeKind, HealthCheck>> = {
  deployment: deploymentHealth,
  statefulset: statefulsetHealth,
  daemonset: daemonsetHealth,
  job: jobHealth,
  cronjob: cronjobHealth,
  service: serviceHealth,
  ingress: ingressHealth,
  configmap: presentHealth,
  secret: presentHealth,
  persistentvolumeclaim: pvcHealth,
  hpa: hpaHealth,
  networkpolicy: presentHealth,
};

/** A node's health from what was observed of it; `now` only matters for grace periods. */
export function nodeHealth(kind: NodeKind, observed: ObservedObjects, now: Date): NodeHealth {
  const main = mainObject(kind, observed.main);
  if (!main) return { state: 'unknown', message: 'not deployed' };
  if (isTerminating(main)) return { state: 'partial', message: 'being deleted' };
  return (HEALTH_CHECKS[kind] ?? genericHealth)(main, observed, now);
}

/** The object of the kind's main Kubernetes kind (a statefulset's `main` also holds its headless Service). */
export function mainObject(kind: NodeKind, objects: readonly K8sObject[]): K8sObject | undefined {
  const expected = kindRegistry[kind].k8s.kind;
  return objects.find((o) => o.kind === expected);
}
