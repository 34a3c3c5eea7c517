import { createServer, type Server } from 'node:https'
import { PatchStrategy, setHeaderOptions, type AdmissionregistrationV1Api, type CoreV1Api, type V1Container, type V1Pod } from '@kubernetes/client-node'
import { FAILURE_ANNOTATION, FAILURE_MESSAGE_ANNOTATION, FAILURE_MODES } from './failures.ts'

/**
 * What a kubelet checks before it starts a container, and kwok does not: that the ConfigMaps and
 * Secrets the pod names exist, with the keys it picks. A missing one stops the container in
 * CreateContainerConfigError (environment) or ContainerCreating with FailedMount events (volumes),
 * and the kubelet retries until it appears.
 *
 * Played here in two parts. A mutating admission webhook on pod creation (so before kwok could
 * start the pod) marks a pod whose config is missing with the failure annotation of failures.ts
 * (mode create-container-config-error or mount-failed) and the kubelet's message, and records the
 * kubelet's Warning event; kwok/failure-stages.yaml then reports the waiting state. A reconciler
 * (every second, over the marked pods only) plays the kubelet's retry: once the config exists it
 * removes the mark, and kwok starts the pod as any other. Optional references are never missing.
 */

export const CONFIG_CHECK_LABEL = 'testenv.kubeorch.dev/config-check'
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch)
const WEBHOOK_NAME = 'config-check.testenv.kubeorch.dev'
const RETRY_MS = 1_000

type Problem = { mode: string; message: string; reason: string }

export interface ConfigCheck {
  stop(): Promise<void>
}

export async function startConfigCheck(opts: {
  core: CoreV1Api
  admission: AdmissionregistrationV1Api
  port: number
  tls: { cert: Buffer; key: Buffer; ca: Buffer }
}): Promise<ConfigCheck> {
  const { core } = opts
  const server: Server = createServer({ cert: opts.tls.cert, key: opts.tls.key }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void review(core, Buffer.concat(chunks).toString('utf8'))
        .then((answer) => {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify(answer))
        })
        .catch(() => {
          res.writeHead(400)
          res.end()
        })
    })
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(opts.port, '127.0.0.1', () => resolve()))

  await opts.admission.createMutatingWebhookConfiguration({
    body: {
      metadata: { name: WEBHOOK_NAME },
      webhooks: [
        {
          name: WEBHOOK_NAME,
          clientConfig: { url: `https://127.0.0.1:${opts.port}/pods`, caBundle: opts.tls.ca.toString('base64') },
          rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: 'Namespaced' }],
          // A webhook that is down must never stop a pod from being created.
          failurePolicy: 'Ignore',
          sideEffects: 'NoneOnDryRun',
          admissionReviewVersions: ['v1'],
          timeoutSeconds: 5,
          namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] },
        },
      ],
    },
  })

  let stopped = false
  let timer: NodeJS.Timeout | undefined
  // At admission a pod has neither its generated name nor its uid: its event is recorded here.
  const reported = new Set<string>()
  const retry = async () => {
    try {
      const marked = await core.listPodForAllNamespaces({ labelSelector: `${CONFIG_CHECK_LABEL}=pending` })
      for (const pod of marked.items) {
        if (pod.metadata?.deletionTimestamp) continue
        const problem = await problemOf(core, pod)
        const uid = pod.metadata?.uid ?? ''
        if (problem && !reported.has(uid)) await recordEvent(core, pod, problem)
        reported.add(uid)
        if (problem) continue
        await core.patchNamespacedPod(
          {
            name: pod.metadata!.name!,
            namespace: pod.metadata!.namespace!,
            body: { metadata: { labels: { [CONFIG_CHECK_LABEL]: null }, annotations: { [FAILURE_ANNOTATION]: null, [FAILURE_MESSAGE_ANNOTATION]: null } } },
          },
          mergePatch,
        )
      }
    } catch {
      // The apiserver may be stopped by a fault test: try again next time.
    }
    if (!stopped) timer = setTimeout(() => void retry(), RETRY_MS).unref()
  }
  timer = setTimeout(() => void retry(), RETRY_MS).unref()

  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** An AdmissionReview answer: the pod unchanged, or marked with its problem (and the event recorded). */
async function review(core: CoreV1Api, body: string): Promise<unknown> {
  const request = (JSON.parse(body) as { request: { uid: string; namespace?: string; object: V1Pod } }).request
  const pod = { ...request.object, metadata: { ...request.object.metadata, namespace: request.object.metadata?.namespace ?? request.namespace } }
  const allowed = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: request.uid, allowed: true } }
  // The pod is the pod as created; its namespace is the request's when the object leaves it out.
  if (pod.metadata.annotations?.[FAILURE_ANNOTATION]) return allowed
  const problem = await problemOf(core, pod).catch(() => undefined)
  if (!problem) return allowed
  const patch = [
    { op: 'add', path: '/metadata/annotations', value: { ...pod.metadata.annotations, [FAILURE_ANNOTATION]: problem.mode, [FAILURE_MESSAGE_ANNOTATION]: problem.message } },
    { op: 'add', path: '/metadata/labels', value: { ...pod.metadata.labels, [CONFIG_CHECK_LABEL]: 'pending' } },
  ]
  return { ...allowed, response: { ...allowed.response, patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(patch)).toString('base64') } }
}

/** The first missing ConfigMap, Secret or key the pod needs, in the kubelet's words. */
async function problemOf(core: CoreV1Api, pod: V1Pod): Promise<Problem | undefined> {
  const namespace = pod.metadata?.namespace ?? 'default'
  const read = memo((kind: 'configmap' | 'secret', name: string) =>
    (kind === 'configmap' ? core.readNamespacedConfigMap({ name, namespace }) : core.readNamespacedSecret({ name, namespace }))
      .then((o) => ({ ...(o.data ?? {}), ...((o as { binaryData?: Record<string, string> }).binaryData ?? {}) }))
      .catch((err: { code?: number }) => {
        if (err.code === 404) return undefined
        throw err
      }),
  )
  const containers: V1Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]
  for (const volume of pod.spec?.volumes ?? []) {
    const ref = volume.configMap ? (['configmap', volume.configMap.name, volume.configMap.optional] as const) : volume.secret ? (['secret', volume.secret.secretName, volume.secret.optional] as const) : undefined
    if (!ref || ref[2] || !ref[1]) continue
    if ((await read(ref[0], ref[1])) === undefined) {
      return { mode: FAILURE_MODES.mountFailed, reason: 'FailedMount', message: `MountVolume.SetUp failed for volume "${volume.name}" : ${ref[0]} "${ref[1]}" not found` }
    }
  }
  for (const c of containers) {
    for (const from of c.envFrom ?? []) {
      const ref = from.configMapRef ? (['configmap', from.configMapRef] as const) : from.secretRef ? (['secret', from.secretRef] as const) : undefined
      if (!ref || ref[1].optional || !ref[1].name) continue
      if ((await read(ref[0], ref[1].name)) === undefined) return configError(`${ref[0]} "${ref[1].name}" not found`)
    }
    for (const env of c.env ?? []) {
      const key = env.valueFrom?.configMapKeyRef ? (['configmap', env.valueFrom.configMapKeyRef] as const) : env.valueFrom?.secretKeyRef ? (['secret', env.valueFrom.secretKeyRef] as const) : undefined
      if (!key || key[1].optional || !key[1].name) continue
      const data = await read(key[0], key[1].name)
      if (data === undefined) return configError(`${key[0]} "${key[1].name}" not found`)
      if (!(key[1].key in data)) return configError(`couldn't find key ${key[1].key} in ${key[0] === 'configmap' ? 'ConfigMap' : 'Secret'} ${namespace}/${key[1].name}`)
    }
  }
  return undefined
}

function configError(message: string): Problem {
  return { mode: FAILURE_MODES.createContainerConfigError, reason: 'Failed', message: message }
}

/** The Warning event the kubelet would record about the pod. */
async function recordEvent(core: CoreV1Api, pod: V1Pod, problem: Problem): Promise<void> {
  const namespace = pod.metadata?.namespace ?? 'default'
  const name = pod.metadata?.name ?? ''
  const now = new Date()
  await core.createNamespacedEvent({
    namespace,
    body: {
      metadata: { generateName: `${name}.`, namespace },
      involvedObject: { kind: 'Pod', apiVersion: 'v1', name, namespace, uid: pod.metadata?.uid ?? '' },
      type: 'Warning',
      reason: problem.reason,
      message: problem.reason === 'Failed' ? `Error: ${problem.message}` : problem.message,
      source: { component: 'kubelet' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    },
  })
}

function memo<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const cache = new Map<string, Promise<R>>()
  return (...args) => {
    const key = JSON.stringify(args)
    if (!cache.has(key)) cache.set(key, fn(...args))
    return cache.get(key)!
  }
}
