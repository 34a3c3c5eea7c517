import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { describeLinks } from './describe-links.ts';
import { recomputeLinks } from './recompute-links.ts';

const graph: WorkflowGraph = {
  nodes: [
    { id: 'd', type: 'deployment', position: { x: 0, y: 0 }, data: { name: 'web', image: 'nginx', ports: [{ containerPort: 8080 }] } },
    { id: 's', type: 'service', position: { x: 0, y: 0 }, data: { name: 'web', port: 80 } },
    { id: 'h', type: 'hpa', position: { x: 0, y: 0 }, data: { name: 'scale', minReplicas: 2, maxReplicas: 5 } },
    { id: 'i', type: 'ingress', position: { x: 0, y: 0 }, data: { name: 'in', paths: [{ id: 'p1', path: '/' }, { id: 'p2', path: '/api' }] } },
    { id: 'c', type: 'configmap', position: { x: 0, y: 0 }, data: { name: 'conf', mountPath: '/etc/app' } },
  ],
  edges: [
    { id: 'e1', source: 's', target: 'd' },
    { id: 'e2', source: 'h', target: 'd' },
    { id: 'e3', source: 'i', target: 's', sourceHandle: 'p1' },
    { id: 'e4', source: 'c', target: 'd' },
  ],
};
const linked = (id: string) => recomputeLinks(graph).nodes.find((n) => n.id === id)!;
const text = (d: ReturnType<typeof describeLinks>) => d.sentences.map((s) => `${s.before} [${s.node.kind} ${s.node.name}] ${s.after}`);

describe('describeLinks', () => {
  it("says where a service routes and what fills its empty target port", () => {
    const d = describeLinks('service', linked('s').data);
    expect(text(d)).toEqual(['Routes traffic to the pods of [deployment web] .']);
    expect(d.fields.targetPort).toEqual({ placeholder: '8080 (from web)', hint: "Left empty, traffic goes to web's first container port, 8080." });
    expect(describeLinks('service', { ...linked('s').data, targetPort: 9000 }).fields.targetPort).toBeUndefined();
  });

  it('says an autoscaler overrides the replicas of its target, and what it scales', () => {
    expect(describeLinks('deployment', linked('d').data).fields.replicas).toMatchObject({ overridden: true, hint: expect.stringContaining('scale') });
    expect(text(describeLinks('deployment', linked('d').data))).toContain('Uses [configmap conf] , mounted at /etc/app.');
    expect(text(describeLinks('hpa', linked('h').data))).toEqual(['Scales [deployment web] between 2 and 5 replicas.']);
  });

  it('says where each ingress path points, and which routes nowhere', () => {
    const d = describeLinks('ingress', linked('i').data);
    expect(text(d)).toEqual(['Path / routes to [service web] , port 80.']);
    expect(d.fields['paths.0']!.hint).toBe('Routes to service web, port 80.');
    expect(d.fields['paths.1']!.hint).toContain('Routes nowhere yet');
  });
});
