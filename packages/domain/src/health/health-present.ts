import type { K8sObject } from '../kinds/kind-definition.ts';
import type { NodeHealth } from './health-state.ts';
import { field, isRecord } from './object-fields.ts';

/** ConfigMap, Secret, NetworkPolicy: nothing runs, so being there is being healthy. */
export function presentHealth(object: K8sObject): NodeHealth {
  if (object.kind === 'ConfigMap' || object.kind === 'Secret') {
    const keys = [field(object, 'data'), field(object, 'binaryData')].reduce<number>((n, d) => n + (isRecord(d) ? Object.keys(d).length : 0), 0);
    return { state: 'healthy', message: `present (${keys} key${keys === 1 ? '' : 's'})` };
  }
  return { state: 'healthy', message: 'present' };
}
