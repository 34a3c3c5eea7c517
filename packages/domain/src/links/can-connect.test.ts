import { describe, expect, it } from 'vitest';
import { NODE_KINDS, type NodeKind } from '../kinds/node-kinds.ts';
import { article, canConnect } from './can-connect.ts';

const WORKLOADS = ['deployment', 'statefulset', 'daemonset', 'job', 'cronjob'];

// SPEC §4, written out independently of the registry so a registry slip fails this test.
const ALLOWED: Record<NodeKind, string[]> = {
  service: ['deployment', 'statefulset', 'daemonset'],
  ingress: ['service'],
  hpa: ['deployment', 'statefulset'],
  configmap: WORKLOADS,
  secret: WORKLOADS,
  persistentvolumeclaim: ['deployment', 'statefulset'],
  networkpolicy: WORKLOADS,
  deployment: [],
  statefulset: [],
  daemonset: [],
  job: [],
  cronjob: [],
};

describe('canConnect', () => {
  it('allows exactly the pairs of SPEC §4', () => {
    for (const source of NODE_KINDS) {
      for (const target of NODE_KINDS) {
        expect(canConnect(source, target).ok, `${source} → ${target}`).toBe(ALLOWED[source].includes(target));
      }
    }
  });

  it('uses the right article before a kind that starts with a vowel', () => {
    expect(canConnect('ingress', 'deployment')).toMatchObject({ ok: false, reason: expect.stringContaining('an ingress may connect to: service') });
  });

  it('says "an hpa", as the abbreviation is read', () => {
    expect(canConnect('hpa', 'service')).toMatchObject({ ok: false, reason: expect.stringContaining('an hpa may connect to: deployment, statefulset') });
    expect(article('Ingress')).toBe('an');
    expect(article('HorizontalPodAutoscaler')).toBe('a');
  });

  it('names both kinds and lists what the source may connect to', () => {
    expect(canConnect('service', 'configmap')).toEqual({
      ok: false,
      reason: 'service cannot connect to configmap: a service may connect to: deployment, statefulset, daemonset',
    });
  });

  it('suggests the reverse direction when that one is allowed', () => {
    expect(canConnect('deployment', 'service')).toEqual({
      ok: false,
      reason: 'deployment cannot connect to service: a deployment cannot be the source of an edge (draw the edge from the service to the deployment)',
    });
  });
});
