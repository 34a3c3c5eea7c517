import type { WorkflowGraph } from '../graph/workflow-graph.ts';
import type { RenderContext } from '../kinds/kind-definition.ts';
import { makeEdge, makeGraph, makeNode } from '../testing/factories.ts';
import { SAMPLE_SECRET_VALUES, sampleApp } from '../testing/sample-app.ts';

// One case per kind (with the neighbours that kind needs to render) and the full sample app.
// Each renders to src/render/__golden__/<case>.yaml.

export type GoldenCase = { graph: WorkflowGraph; ctx: RenderContext };

const ctx: RenderContext = { workflowId: 'wf-golden' };
const web = (id = 'dep', extra: Record<string, unknown> = {}) =>
  makeNode('deployment', id, { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }], ...extra });

export const GOLDEN_CASES: Record<string, GoldenCase> = {
  deployment: {
    ctx,
    graph: makeGraph([
      web('dep', {
        replicas: 3,
        command: ['/app/server'],
        args: ['--port', '8080'],
        env: [{ name: 'MODE', value: 'production' }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        probes: {
          readiness: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
          liveness: { exec: { command: ['cat', '/tmp/alive'] }, failureThreshold: 3 },
        },
        imagePullSecrets: ['regcred'],
      }),
    ]),
  },
  statefulset: {
    ctx,
    graph: makeGraph(
      [
        makeNode('statefulset', 'db', {
          name: 'redis',
          image: 'redis:7',
          replicas: 3,
          port: 6379,
          volumeClaimTemplates: [{ name: 'data', storage: '10Gi', storageClassName: 'fast', mountPath: '/data' }],
        }),
        makeNode('configmap', 'cm', { name: 'redis-env', data: { REDIS_ARGS: '--appendonly yes' } }),
      ],
      [makeEdge('e1', 'cm', 'db')],
    ),
  },
  daemonset: {
    ctx,
    graph: makeGraph([
      makeNode('daemonset', 'ds', {
        name: 'log-agent',
        image: 'fluent/fluent-bit:3.2',
        updateStrategy: 'OnDelete',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
        resources: { limits: { memory: '200Mi' } },
      }),
    ]),
  },
  job: {
    ctx,
    graph: makeGraph([
      makeNode('job', 'job', {
        name: 'migrate',
        image: 'ghcr.io/acme/migrate:2',
        args: ['up'],
        completions: 1,
        backoffLimit: 2,
        restartPolicy: 'OnFailure',
        activeDeadlineSeconds: 600,
        ttlSecondsAfterFinished: 3600,
      }),
    ]),
  },
  cronjob: {
    ctx,
    graph: makeGraph([
      makeNode('cronjob', 'cron', {
        name: 'nightly-backup',
        image: 'ghcr.io/acme/backup:1',
        schedule: '30 2 * * *',
        timeZone: 'Europe/Paris',
        concurrencyPolicy: 'Forbid',
        env: [{ name: 'TARGET', value: 's3://backups' }],
      }),
    ]),
  },
  service: {
    ctx,
    graph: makeGraph(
      [makeNode('service', 'svc', { name: 'web', serviceType: 'NodePort', port: 80, nodePort: 30080, sessionAffinity: 'ClientIP' }), web()],
      [makeEdge('e1', 'svc', 'dep')],
    ),
  },
  ingress: {
    ctx,
    graph: makeGraph(
      [
        makeNode('ingress', 'ing', {
          name: 'public',
          host: 'app.example.com',
          ingressClassName: 'nginx',
          paths: [
            { id: 'web', path: '/', pathType: 'Prefix' },
            { id: 'api', path: '/api', pathType: 'Prefix' },
          ],
          tls: [{ hosts: ['app.example.com'], secretName: 'app-tls' }],
        }),
        makeNode('service', 'svc-web', { name: 'web', port: 80 }),
        makeNode('service', 'svc-api', { name: 'api', port: 8080, targetPort: 'http' }),
        web(),
        makeNode('deployment', 'dep-api', { name: 'api', image: 'ghcr.io/acme/api:3', ports: [{ containerPort: 9000, name: 'http' }] }),
      ],
      [makeEdge('e1', 'ing', 'svc-web', 'web'), makeEdge('e2', 'ing', 'svc-api', 'api'), makeEdge('e3', 'svc-web', 'dep'), makeEdge('e4', 'svc-api', 'dep-api')],
    ),
  },
  configmap: {
    ctx,
    graph: makeGraph(
      [makeNode('configmap', 'cm', { name: 'nginx-conf', data: { 'nginx.conf': 'events {}\nhttp {}\n', 'mime.types': 'types {}\n' }, mountPath: '/etc/nginx' }), web()],
      [makeEdge('e1', 'cm', 'dep')],
    ),
  },
  secret: {
    ctx: { ...ctx, secretValues: { tls: { 'tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'tls.key': 'key' }, env: { API_TOKEN: 'tok3n' } } },
    graph: makeGraph(
      [
        makeNode('secret', 'tls', { name: 'web-tls', secretType: 'kubernetes.io/tls', entries: [{ key: 'tls.crt' }, { key: 'tls.key' }], mountPath: '/etc/tls' }),
        makeNode('secret', 'env', { name: 'web-env', entries: [{ key: 'API_TOKEN' }] }),
        web(),
      ],
      [makeEdge('e1', 'tls', 'dep'), makeEdge('e2', 'env', 'dep')],
    ),
  },
  'secret-preview': {
    ctx,
    graph: makeGraph([makeNode('secret', 'env', { name: 'web-env', entries: [{ key: 'API_TOKEN' }, { key: 'PASSWORD' }] })]),
  },
  persistentvolumeclaim: {
    ctx,
    graph: makeGraph(
      [
        makeNode('persistentvolumeclaim', 'pvc', { name: 'uploads', storage: '20Gi', accessModes: ['ReadWriteMany'], storageClassName: 'nfs', mountPath: '/uploads' }),
        makeNode('persistentvolumeclaim', 'raw', { name: 'scratch', storage: '1Gi', volumeMode: 'Block', mountPath: '/dev/xvdb' }),
        web(),
      ],
      [makeEdge('e1', 'pvc', 'dep'), makeEdge('e2', 'raw', 'dep')],
    ),
  },
  hpa: {
    ctx,
    graph: makeGraph(
      [
        makeNode('hpa', 'hpa', {
          name: 'web',
          minReplicas: 2,
          maxReplicas: 10,
          targetCPUUtilizationPercentage: 75,
          targetMemoryUtilizationPercentage: 80,
          behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
        }),
        web('dep', { replicas: 4, resources: { requests: { cpu: '200m', memory: '256Mi' } } }),
      ],
      [makeEdge('e1', 'hpa', 'dep')],
    ),
  },
  networkpolicy: {
    ctx,
    graph: makeGraph(
      [
        makeNode('networkpolicy', 'np', {
          name: 'restrict',
          policyTypes: ['Ingress', 'Egress'],
          ingress: [
            { from: [{ podSelector: { role: 'frontend' } }, { namespaceSelector: { team: 'ops' }, podSelector: { app: 'prometheus' } }], ports: [{ port: 8080 }] },
            { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] },
          ],
          egress: [{ allPeers: true, ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }],
        }),
        web(),
        makeNode('job', 'job', { name: 'report', image: 'busybox:1.36' }),
      ],
      [makeEdge('e1', 'np', 'dep'), makeEdge('e2', 'np', 'job')],
    ),
  },
  'sample-app': { ctx: { workflowId: 'wf-sample', secretValues: SAMPLE_SECRET_VALUES }, graph: sampleApp() },
};
