/**
 * A canvas as KubeOrch's UI writes it (KUBEORCH-API.md §3.1, §4.1: node ids `node-<n>`, every
 * node's data with `id`, `templateId`, name, namespace and the kind's defaults; React Flow edge
 * ids; the Service linked by targetApp/targetPort/_linkedDeployment as its canvas sets them).
 */
export function kubeorchCanvas(ns = 'default', opts: { image?: string; replicas?: number } = {}) {
  return {
    nodes: [
      {
        id: 'node-1',
        type: 'deployment',
        position: { x: 212.5, y: 140 },
        data: {
          id: 'node-1',
          name: 'deployment-1',
          namespace: ns,
          image: opts.image ?? 'nginx:1.27',
          replicas: opts.replicas ?? 2,
          port: 8080,
          templateId: 'core/deployment',
          resources: { limits: { cpu: '500m', memory: '' }, requests: { cpu: '', memory: '' } },
          envKeys: [],
        },
      },
      {
        id: 'node-2',
        type: 'service',
        position: { x: 460, y: 180 },
        data: {
          id: 'node-2',
          name: 'service-2',
          namespace: ns,
          serviceType: 'ClusterIP',
          targetApp: 'deployment-1',
          port: 80,
          targetPort: 8080,
          templateId: 'core/service',
          _linkedDeployment: 'node-1',
        },
      },
      {
        id: 'node-3',
        type: 'configmap',
        position: { x: 120, y: 320 },
        data: { id: 'node-3', name: 'configmap-3', namespace: ns, data: { 'app.properties': 'greeting=hello' }, mountPath: '/etc/config', templateId: 'core/configmap' },
      },
    ],
    edges: [
      { id: 'reactflow__edge-node-2-node-1', source: 'node-2', target: 'node-1', sourceHandle: null, targetHandle: null },
      { id: 'reactflow__edge-node-3-node-1', source: 'node-3', target: 'node-1', sourceHandle: null, targetHandle: null },
    ],
  }
}

/** More of KubeOrch's kinds with their add-node defaults (§4.1), for save/read-back checks without a cluster. */
export function kubeorchExtraNodes(ns = 'default') {
  return [
    {
      id: 'node-4',
      type: 'secret',
      position: { x: 100, y: 100 },
      data: { id: 'node-4', name: 'secret-4', namespace: ns, secretType: 'Opaque', keys: [{ id: 'key-1712345', name: 'API_KEY' }, { id: 'key-1712399', name: '' }], mountPath: '/etc/secrets', templateId: 'core/secret' },
    },
    {
      id: 'node-5',
      type: 'ingress',
      position: { x: 700, y: 180 },
      data: { id: 'node-5', name: 'ingress-5', namespace: ns, host: '', paths: [{ id: 'path-1', path: '/', pathType: 'Prefix' }], ingressClassName: 'nginx', templateId: 'core/ingress' },
    },
    {
      id: 'node-6',
      type: 'persistentvolumeclaim',
      position: { x: 100, y: 500 },
      data: { id: 'node-6', name: 'pvc-6', namespace: ns, storage: '10Gi', accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', storageClassName: '', templateId: 'core/persistentvolumeclaim' },
    },
    {
      id: 'node-7',
      type: 'hpa',
      position: { x: 300, y: 500 },
      data: { id: 'node-7', name: 'hpa-7', namespace: ns, minReplicas: 1, maxReplicas: 10, targetCPUUtilization: 80, scaleTargetKind: 'Deployment', scaleTargetName: 'deployment-1', templateId: 'core/hpa' },
    },
    {
      id: 'node-8',
      type: 'cronjob',
      position: { x: 500, y: 500 },
      data: {
        id: 'node-8', name: 'cronjob-8', namespace: ns, image: 'busybox:1.36', command: ['sh', '-c', 'date'], schedule: '0 * * * *', concurrencyPolicy: 'Allow', suspend: false,
        successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, templateId: 'core/cronjob',
      },
    },
  ]
}

/** What a client reads back of a node's data: everything it sent but the runtime and linked ("_") fields. */
export function sentFields(data: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !k.startsWith('_')))
}
