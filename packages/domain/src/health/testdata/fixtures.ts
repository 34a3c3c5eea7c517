// Test support (not exported): loads fixture objects and sorts them into ObservedObjects.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../../kinds/kind-definition.ts';
import type { NodeKind } from '../../kinds/node-kinds.ts';
import type { ObservedObjects } from '../observed-objects.ts';

/** The fixed clock of every fixture: timestamps in testdata are written relative to it. */
export const NOW = new Date('2025-06-01T12:00:00Z');

/** Every object in `<dir>/<name>.yaml` (multi-document). */
export function loadObjects(dir: URL, name: string): K8sObject[] {
  const text = readFileSync(new URL(`${name}.yaml`, dir), 'utf8');
  return parseAllDocuments(text).map((doc) => doc.toJS() as K8sObject);
}

/**
 * Sorts objects the way a watcher reports them for a node of `kind`. The lists that watcher
 * looks at start empty ("looked, found none"); the others stay undefined ("not looked at").
 */
export function observedFor(kind: NodeKind, objects: readonly K8sObject[]): ObservedObjects {
  const observed: ObservedObjects = { main: [], events: [] };
  if (['deployment', 'statefulset', 'daemonset', 'job', 'cronjob', 'service', 'networkpolicy', 'hpa'].includes(kind)) observed.pods = [];
  if (kind === 'service') observed.endpointSlices = [];
  if (kind === 'ingress') observed.services = [];
  if (kind === 'cronjob') observed.jobs = [];
  if (kind === 'deployment') observed.replicaSets = [];
  const workload = ['deployment', 'statefulset', 'daemonset', 'job', 'cronjob'].includes(kind);
  if (workload) observed.configs = [];
  for (const object of objects) {
    if (object.kind === 'Pod') observed.pods?.push(object);
    else if (object.kind === 'EndpointSlice') observed.endpointSlices?.push(object);
    else if (object.kind === 'ReplicaSet' && kind === 'deployment') observed.replicaSets?.push(object);
    else if (object.kind === 'Event') observed.events?.push(object);
    else if (object.kind === 'Job' && kind === 'cronjob') observed.jobs?.push(object);
    else if (object.kind === 'Service' && kind === 'ingress') observed.services?.push(object);
    else if ((object.kind === 'ConfigMap' || object.kind === 'Secret') && workload) observed.configs?.push(object);
    else observed.main.push(object);
  }
  return observed;
}

export const HEALTH_TESTDATA = new URL('./', import.meta.url);

/** Fixture files from health/testdata, combined, as observed for a node of `kind`. */
export function healthFixtures(kind: NodeKind, names: readonly string[]): ObservedObjects {
  return observedFor(kind, names.flatMap((name) => loadObjects(HEALTH_TESTDATA, name)));
}
