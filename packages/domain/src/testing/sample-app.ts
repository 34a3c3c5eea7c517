import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import { makeEdge, makeGraph, makeNode } from './factories.ts';

/**
 * A complete small application: Ingress → Service → Deployment, with a ConfigMap, a Secret and
 * a PVC mounted into it, an HPA scaling it and a NetworkPolicy guarding it.
 */
export function sampleApp(): WorkflowGraph {
  return makeGraph(
    [
      makeNode('ingress', 'ing-1', {
        name: 'shop',
        namespace: 'shop',
        host: 'shop.example.com',
        ingressClassName: 'nginx',
        paths: [{ id: 'root', path: '/', pathType: 'Prefix' }],
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      }, { x: 0, y: 0 }),
      makeNode('service', 'svc-1', { name: 'web', namespace: 'shop', port: 80 }, { x: 200, y: 0 }),
      makeNode('deployment', 'dep-1', {
        name: 'web',
        namespace: 'shop',
        image: 'ghcr.io/acme/shop:1.4.2',
        replicas: 2,
        ports: [{ containerPort: 8080, name: 'http' }],
        env: [{ name: 'LOG_LEVEL', value: 'info' }],
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
        probes: {
          readiness: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
          liveness: { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 },
        },
      }, { x: 400, y: 0 }),
      makeNode('configmap', 'cm-1', { name: 'web-config', namespace: 'shop', data: { 'app.yaml': 'currency: EUR\n' }, mountPath: '/etc/shop' }, { x: 400, y: 200 }),
      makeNode('secret', 'sec-1', { name: 'web-secrets', namespace: 'shop', entries: [{ key: 'DATABASE_URL' }] }, { x: 600, y: 200 }),
      makeNode('persistentvolumeclaim', 'pvc-1', { name: 'uploads', namespace: 'shop', storage: '5Gi', accessModes: ['ReadWriteMany'], mountPath: '/var/uploads' }, { x: 800, y: 200 }),
      makeNode('hpa', 'hpa-1', { name: 'web', namespace: 'shop', minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 70 }, { x: 400, y: -200 }),
      makeNode('networkpolicy', 'np-1', {
        name: 'web-ingress',
        namespace: 'shop',
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }], ports: [{ port: 8080 }] }],
      }, { x: 600, y: -200 }),
    ],
    [
      makeEdge('e-ing-svc', 'ing-1', 'svc-1', 'root'),
      makeEdge('e-svc-dep', 'svc-1', 'dep-1'),
      makeEdge('e-cm-dep', 'cm-1', 'dep-1'),
      makeEdge('e-sec-dep', 'sec-1', 'dep-1'),
      makeEdge('e-pvc-dep', 'pvc-1', 'dep-1'),
      makeEdge('e-hpa-dep', 'hpa-1', 'dep-1'),
      makeEdge('e-np-dep', 'np-1', 'dep-1'),
    ],
  );
}

/** Secret values for sampleApp's Secret, as the service layer would decrypt them. */
export const SAMPLE_SECRET_VALUES = { 'sec-1': { DATABASE_URL: 'postgres://shop:s3cr3t@db:5432/shop' } };
