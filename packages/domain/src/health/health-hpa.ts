import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeHealth } from './health-state.ts';
import { condition, conditions, num, reasonMessage } from './object-fields.ts';

// autoscaling/v2 conditions. ScalingActive=False is a failure (FailedGetScale,
// FailedGetResourceMetric, InvalidSelector…) except ScalingDisabled: the target is scaled to 0
// on purpose and autoscaling waits for it.
export function hpaHealth(hpa: K8sObject): NodeHealth {
  if (conditions(hpa).length === 0) return { state: 'partial', message: 'waiting for the first metrics' };
  const able = condition(hpa, 'AbleToScale');
  if (able?.status === 'False') return { state: 'error', message: reasonMessage(able.reason, able.message, 'AbleToScale is false') };
  const active = condition(hpa, 'ScalingActive');
  if (active?.status === 'False') {
    const message = reasonMessage(active.reason, active.message, 'ScalingActive is false');
    return { state: active.reason === 'ScalingDisabled' ? 'partial' : 'error', message };
  }
  if (able?.status !== 'True') return { state: 'partial', message: 'waiting for the autoscaler to be able to scale' };
  const current = num(hpa, 'status', 'currentReplicas') ?? 0;
  const min = num(hpa, 'spec', 'minReplicas') ?? 1;
  const max = num(hpa, 'spec', 'maxReplicas') ?? min;
  return { state: 'healthy', message: `${current} replicas (min ${min}, max ${max})`, details: { current, min, max } };
}
