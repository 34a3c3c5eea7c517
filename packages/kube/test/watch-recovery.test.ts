import { createServer, connect, type Server, type Socket } from 'node:net'
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApplier, loadKubeConfig, watchResources, type WatchSnapshot } from '../src/index.ts'
import { closedPort, configMap, createNamespace, deleteNamespace, kubeConfig, kubeconfigYaml, labelsFor, waitFor } from './helpers.ts'

const kc = kubeConfig()
const core = kc.makeApiClient(CoreV1Api)
const applier = createApplier(kc)

describe('watch recovery', () => {
  let namespace: string
  beforeAll(async () => {
    namespace = await createNamespace(core)
  })
  afterAll(async () => {
    await deleteNamespace(core, namespace)
  })

  it('renews watches from their resourceVersion without losing or repeating changes', async () => {
    const snapshots: WatchSnapshot[] = []
    const errors: Error[] = []
    const labels = labelsFor(`wf-renew-${namespace}`, 'n')
    const watcher = watchResources(kc, {
      namespaces: [namespace],
      labelSelector: `kubeorch.io/workflow=wf-renew-${namespace}`,
      kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
      related: [],
      serverTimeoutSeconds: 1,
      onChange: (s) => snapshots.push(s),
      onError: (e) => errors.push(e),
    })
    try {
      for (let i = 0; i < 4; i++) {
        await applier.apply([configMap(namespace, `cm-${i}`, { i: String(i) }, labels)])
        await waitFor(`cm-${i} seen`, () => snapshots.at(-1)?.objects.some((o) => o.metadata.name === `cm-${i}`) || undefined)
        await new Promise((resolve) => setTimeout(resolve, 1_200)) // past a renewal
      }
      expect(snapshots.at(-1)!.objects.map((o) => o.metadata.name).sort()).toEqual(['cm-0', 'cm-1', 'cm-2', 'cm-3'])
      // Renewals that bring nothing new are not reported again.
      const signatures = snapshots.map((s) => s.objects.map((o) => `${o.metadata.name}@${String(o.metadata.resourceVersion)}`).sort().join())
      expect(new Set(signatures).size).toBe(signatures.length)
      expect(errors).toEqual([])
    } finally {
      await watcher.stop()
    }
  })

  it('reports an unreachable server through onError, keeps retrying, and stops promptly', async () => {
    const yaml = kubeconfigYaml().replace(/server: \S+/, `server: https://127.0.0.1:${await closedPort()}`)
    const errors: Error[] = []
    const watcher = watchResources(loadKubeConfig({ kubeconfig: yaml }), {
      namespaces: ['default'],
      labelSelector: 'a=b',
      kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
      related: [],
      onChange: () => {
        throw new Error('no snapshot expected')
      },
      onError: (e) => errors.push(e),
    })
    await waitFor('two errors (a retry)', () => (errors.length >= 2 ? true : undefined), 10_000)
    const started = Date.now()
    await watcher.stop()
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(errors[0]!.message).toMatch(/ECONNREFUSED/)
    const count = errors.length
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(errors.length).toBe(count)
    const credentials = new KubeConfig()
    credentials.loadFromString(yaml)
    const key = credentials.getCurrentUser()!.keyData!
    expect(errors.every((e) => !e.message.includes(key.slice(0, 40)))).toBe(true)
  })

  it('reports reachability: false once when the server goes away, true once it answers again', async () => {
    // A TCP relay to the real apiserver that can be taken down and brought back on its port.
    const upstream = new URL(kubeconfigYaml().match(/server: (\S+)/)![1]!)
    const port = await closedPort()
    const sockets = new Set<Socket>()
    let relay: Server | undefined
    const open = () =>
      new Promise<void>((resolve) => {
        relay = createServer((client) => {
          const server = connect(Number(upstream.port), upstream.hostname)
          for (const s of [client, server]) {
            sockets.add(s)
            s.on('error', () => {})
            s.on('close', () => sockets.delete(s))
          }
          client.pipe(server).pipe(client)
        }).listen(port, '127.0.0.1', () => resolve())
      })
    const close = () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      relay!.close(() => resolve())
    })
    await open()
    const yaml = kubeconfigYaml().replace(/server: \S+/, `server: https://127.0.0.1:${port}`)
    const seen: boolean[] = []
    let synced = false
    const watcher = watchResources(loadKubeConfig({ kubeconfig: yaml }), {
      namespaces: [namespace],
      labelSelector: 'a=b',
      kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
      related: [],
      onChange: () => (synced = true),
      onReachability: (reachable) => seen.push(reachable),
    })
    try {
      await waitFor('the first list', () => synced || undefined)
      expect(seen).toEqual([]) // reachable from the start: nothing to report
      await close()
      await waitFor('unreachable', () => (seen.at(-1) === false ? true : undefined), 10_000)
      await open()
      await waitFor('reachable again', () => (seen.at(-1) === true ? true : undefined), 20_000)
      expect(seen).toEqual([false, true])
    } finally {
      await watcher.stop()
      await close()
    }
  })
})
