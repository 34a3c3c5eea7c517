/** A small valid design: a Service routing to a Deployment. */
export function sampleGraph(overrides: { replicas?: number; image?: string } = {}) {
  return {
    nodes: [
      { id: 'web', type: 'deployment', position: { x: 100, y: 100 }, data: { name: 'web', image: overrides.image ?? 'nginx:1.27', replicas: overrides.replicas ?? 2, ports: [{ containerPort: 80 }] } },
      { id: 'web-svc', type: 'service', position: { x: 400, y: 100 }, data: { name: 'web-svc', port: 80, serviceType: 'ClusterIP' } },
    ],
    edges: [{ id: 'e1', source: 'web-svc', target: 'web' }],
  }
}
