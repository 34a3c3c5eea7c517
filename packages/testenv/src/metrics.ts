import type { ApiregistrationV1Api, CoreV1Api, V1APIService, V1Service } from '@kubernetes/client-node'
import { createIfMissing } from './create-if-missing.ts'

/**
 * CPU and memory every fake container uses (kwok/metrics.yaml), unless its
 * pod sets the annotations USAGE_ANNOTATIONS.cpu / .memory (a quantity,
 * applied to each container of the pod).
 */
export const POD_USAGE = { cpu: '10m', memory: '16Mi' } as const
/** Base usage of every fake node on top of its pods' (kwok/metrics.yaml). */
export const NODE_BASE_USAGE = { cpuCores: 0.05, memoryBytes: 256 * 1024 * 1024 } as const
export const USAGE_ANNOTATIONS = { cpu: 'kwok.x-k8s.io/usage-cpu', memory: 'kwok.x-k8s.io/usage-memory' } as const

/** Where kwok serves each fake node's kubelet resource metrics (the Metric in kwok/metrics.yaml). */
export function resourceMetricsPath(nodeName: string): string {
  return `/metrics/nodes/${nodeName}/metrics/resource`
}

export const METRICS_API_GROUP = 'metrics.k8s.io'
export const METRICS_API_SERVICE = 'v1beta1.metrics.k8s.io'
export const METRICS_SERVER_SERVICE = { name: 'metrics-server', namespace: 'kube-system' } as const

/** The DNS name the aggregator expects in metrics-server's serving cert (`<service>.<namespace>.svc`). */
export const METRICS_SERVER_TLS_NAME = `${METRICS_SERVER_SERVICE.name}.${METRICS_SERVER_SERVICE.namespace}.svc`

/**
 * metrics-server runs as a process on 127.0.0.1, not as a pod. Endpoints
 * cannot hold a loopback address (validation refuses it), but an
 * ExternalName Service can name it, and the aggregator, with
 * --enable-aggregator-routing off (the default), dials an ExternalName
 * Service's name at the APIService's port. This is how kwokctl wires its
 * metrics-server (pkg/kwokctl/components/metrics_server*.go in kwok v0.8.0).
 */
export function metricsServerService(): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...METRICS_SERVER_SERVICE, labels: { 'k8s-app': 'metrics-server' } },
    spec: { type: 'ExternalName', externalName: '127.0.0.1' },
  }
}

export function metricsApiService(port: number, caBundle: Buffer): V1APIService {
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: METRICS_API_SERVICE, labels: { 'k8s-app': 'metrics-server' } },
    spec: {
      group: METRICS_API_GROUP,
      version: 'v1beta1',
      service: { ...METRICS_SERVER_SERVICE, port },
      caBundle: caBundle.toString('base64'),
      groupPriorityMinimum: 100,
      versionPriority: 100,
    },
  }
}

/** Creates the ExternalName Service and the APIService (idempotent). */
export async function registerMetricsApi(core: CoreV1Api, apiregistration: ApiregistrationV1Api, port: number, caBundle: Buffer): Promise<void> {
  await createIfMissing(() => core.createNamespacedService({ namespace: METRICS_SERVER_SERVICE.namespace, body: metricsServerService() }))
  await createIfMissing(() => apiregistration.createAPIService({ body: metricsApiService(port, caBundle) }))
}

/** True once the aggregator reports the metrics APIService Available (metrics-server answers its discovery). */
export async function metricsApiAvailable(apiregistration: ApiregistrationV1Api): Promise<boolean> {
  const svc = await apiregistration.readAPIService({ name: METRICS_API_SERVICE })
  return svc.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') ?? false
}
