import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeHealth } from './health-state.ts';
import { condition, field, isRecord, isTerminating, num, reasonMessage, str } from './object-fields.ts';

/**
 * Health of any object from what every well-behaved controller writes, for kinds without a rule
 * of their own (custom resources, the generic object node). It follows kstatus
 * (sigs.k8s.io/cli-utils pkg/kstatus/status: generic.go checkGenericProperties, then status.go
 * Compute): being deleted; `status.observedGeneration` behind `metadata.generation` is in
 * progress; Stalled=True is failed and Reconciling=True in progress (the "abnormal-true"
 * conditions). Beyond kstatus it reads the "normal-true" conditions most controllers also set:
 * Failed=True is red, then Ready, else Available, else Progressing decides, then a conventional
 * `status.phase`. kstatus calls an object with none of these Current; here that holds for
 * built-in kinds (a Role or a ServiceAccount has nothing to report), while a custom resource
 * that says nothing at all is `unknown`: its controller has not reported (or is not installed).
 */
export function genericHealth(object: K8sObject): NodeHealth {
  if (isTerminating(object)) return { state: 'partial', message: 'being deleted' };
  const generation = num(object, 'metadata', 'generation');
  const observed = num(object, 'status', 'observedGeneration');
  if (generation !== undefined && observed !== undefined && observed < generation) {
    return { state: 'partial', message: `waiting for the controller to observe generation ${generation} (it has seen ${observed})` };
  }

  const stalled = condition(object, 'Stalled');
  if (stalled?.status === 'True') return { state: 'error', message: `Stalled: ${reasonMessage(stalled.reason, stalled.message, 'no reason given')}` };
  const failed = condition(object, 'Failed');
  if (failed?.status === 'True') return { state: 'error', message: `Failed: ${reasonMessage(failed.reason, failed.message, 'no reason given')}` };
  const reconciling = condition(object, 'Reconciling');
  if (reconciling?.status === 'True') return { state: 'partial', message: `Reconciling: ${reasonMessage(reconciling.reason, reconciling.message, 'in progress')}` };

  for (const type of ['Ready', 'Available'] as const) {
    const c = condition(object, type);
    if (!c) continue;
    const why = reasonMessage(c.reason, c.message, '');
    if (c.status === 'True') return { state: 'healthy', message: why ? `${type}: ${why}` : type };
    return { state: 'partial', message: `${type} is ${c.status}${why ? `: ${why}` : ''}` };
  }
  const progressing = condition(object, 'Progressing');
  if (progressing) {
    const why = reasonMessage(progressing.reason, progressing.message, '');
    if (progressing.reason === 'ProgressDeadlineExceeded') return { state: 'error', message: why };
    if (progressing.status === 'True') return { state: 'partial', message: `Progressing${why ? `: ${why}` : ''}` };
    return { state: 'healthy', message: `done progressing${why ? `: ${why}` : ''}` };
  }

  const phase = str(object, 'status', 'phase');
  if (phase !== undefined) {
    const state = PHASES[phase.toLowerCase()] ?? 'healthy';
    return { state, message: `phase ${phase}` };
  }
  const status = field(object, 'status');
  const saysNothing = !isRecord(status) || Object.keys(status).length === 0;
  if (saysNothing && isCustomResource(object)) return { state: 'unknown', message: 'no status reported by its controller yet' };
  return { state: 'healthy', message: 'present' };
}

/** Phases many custom resources use; any other phase reads as present. */
const PHASES: Readonly<Record<string, 'partial' | 'error'>> = {
  pending: 'partial',
  progressing: 'partial',
  provisioning: 'partial',
  creating: 'partial',
  updating: 'partial',
  deploying: 'partial',
  initializing: 'partial',
  failed: 'error',
  error: 'error',
  degraded: 'error',
};

/**
 * Custom resources have a group with a dot that is not one of Kubernetes' own (`*.k8s.io` —
 * CRD groups must contain a dot; built-in groups are "", apps, batch, … or end in .k8s.io).
 */
function isCustomResource(object: K8sObject): boolean {
  const slash = object.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
  return group.includes('.') && !group.endsWith('.k8s.io');
}
