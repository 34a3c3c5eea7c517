import type { K8sObject } from '../kinds/kind-definition.ts';
import { eventsAbout } from './events.ts';
import type { NodeHealth } from './health-state.ts';
import type { ObservedObjects } from './observed-objects.ts';
import { oneLine, str } from './object-fields.ts';

export function pvcHealth(claim: K8sObject, observed: ObservedObjects): NodeHealth {
  const phase = str(claim, 'status', 'phase');
  if (phase === 'Bound') {
    const capacity = str(claim, 'status', 'capacity', 'storage');
    const volume = str(claim, 'spec', 'volumeName') ?? 'a volume';
    return { state: 'healthy', message: capacity ? `bound to ${volume} (${capacity})` : `bound to ${volume}` };
  }
  if (phase === 'Lost') return { state: 'error', message: 'Lost: its PersistentVolume no longer exists' };
  // Pending: the newest event says why (no storage class, provisioning failed, waiting for a pod).
  const [latest] = eventsAbout(observed.events, [claim]);
  const why = latest && (latest.reason ? `${latest.reason}: ${oneLine(latest.message)}` : oneLine(latest.message));
  return { state: 'partial', message: why ? `Pending: ${why}` : 'Pending' };
}
