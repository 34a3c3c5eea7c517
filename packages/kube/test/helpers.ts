import { readFileSync } from 'node:fs'
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node'
import { inject } from 'vitest'
import { createNamespace as createTestNamespace, waitFor } from '@kubeorch/testenv/testing'

export { waitFor }
export const createNamespace = (core: CoreV1Api, prefix = 'kube-') => createTestNamespace(core, prefix)
import type {} from '@kubeorch/testenv/global-setup'
import type { K8sObject } from '../src/index.ts'

export function kubeconfigYaml(): string {
  return readFileSync(inject('kubeconfigPath'), 'utf8')
}

/** Admin client config for the control plane started by @kubeorch/testenv's globalSetup. */
export function kubeConfig(): KubeConfig {
  const kc = new KubeConfig()
  kc.loadFromString(kubeconfigYaml())
  return kc
}


export async function deleteNamespace(core: CoreV1Api, name: string | undefined): Promise<void> {
  if (name) await core.deleteNamespace({ name }).catch(() => {})
}

export const labelsFor = (workflow: string, node: string) => ({
  'app.kubernetes.io/managed-by': 'kubeorch',
  'kubeorch.io/workflow': workflow,
  'kubeorch.io/node': node,
})

export function configMap(namespace: string, name: string, data: Record<string, string>, labels: Record<string, string> = {}): K8sObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data }
}

export function deployment(namespace: string, name: string, opts: { image?: string; replicas?: number; labels?: Record<string, string>; containerName?: string } = {}): K8sObject {
  const podLabels = { ...opts.labels, 'app.kubernetes.io/name': name }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: opts.labels ?? {} },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: { metadata: { labels: podLabels }, spec: { containers: [{ name: opts.containerName ?? 'app', image: opts.image ?? 'nginx:1.27' }] } },
    },
  }
}

export function service(namespace: string, name: string, port: number, labels: Record<string, string> = {}): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: { selector: { 'app.kubernetes.io/name': name }, ports: [{ port, targetPort: 80 }] },
  }
}

/**
 * A kubeconfig for a ServiceAccount of `namespace` that may only work with ConfigMaps there
 * (RBAC), with a real token from the TokenRequest API.
 */
export async function restrictedKubeconfig(admin: KubeConfig, namespace: string): Promise<{ yaml: string; token: string }> {
  const core = admin.makeApiClient(CoreV1Api)
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api)
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'limited' } } })
  await rbac.createNamespacedRole({
    namespace,
    body: { metadata: { name: 'configmaps' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete'] }] },
  })
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: 'limited-configmaps' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'configmaps' },
      subjects: [{ kind: 'ServiceAccount', name: 'limited', namespace }],
    },
  })
  const request = await core.createNamespacedServiceAccountToken({ name: 'limited', namespace, body: { spec: { expirationSeconds: 3600 } } })
  const token = request.status!.token!
  const cluster = admin.getCurrentCluster()!
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: testenv',
    '  cluster:',
    `    server: ${cluster.server}`,
    `    certificate-authority-data: ${cluster.caData}`,
    'users:',
    '- name: limited',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: limited',
    '  context: { cluster: testenv, user: limited, namespace: ' + namespace + ' }',
    'current-context: limited',
    '',
  ].join('\n')
  return { yaml, token }
}

/** A loopback port nobody listens on (taken from the kernel, then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net')
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}
