import { createServer, type Server, type Socket } from 'node:net'
import { CoreV1Api } from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KubeconfigError, listContexts, loadKubeConfig, testConnection } from '../src/index.ts'
import { closedPort, kubeConfig, kubeconfigYaml } from './helpers.ts'

const yaml = kubeconfigYaml()
const admin = kubeConfig()
const key = admin.getCurrentUser()!.keyData!
const withServer = (server: string) => yaml.replace(/server: \S+/, `server: ${server}`)
const withToken = (server: string, token: string) =>
  withServer(server).replace(/client-certificate-data: \S+\n\s+client-key-data: \S+/, `token: ${token}`)

describe('testConnection', () => {
  it('returns the server version and the node count', async () => {
    const nodes = (await admin.makeApiClient(CoreV1Api).listNode()).items.length
    const result = await testConnection(loadKubeConfig({ kubeconfig: yaml }))
    expect(result).toEqual({ ok: true, version: expect.stringMatching(/^v1\.37\./), nodes })
    expect(nodes).toBeGreaterThan(0)
  })

  it('fails fast on a refused connection, naming the cause but no credential', async () => {
    const started = Date.now()
    const result = await testConnection(loadKubeConfig({ kubeconfig: withServer(`https://127.0.0.1:${await closedPort()}`) }))
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(result.ok).toBe(false)
    const error = result.ok ? '' : result.error
    expect(error).toMatch(/ECONNREFUSED/)
    expect(error).not.toContain(key.slice(0, 32))
  })

  it('fails fast on https://127.0.0.1:1', async () => {
    const started = Date.now()
    const result = await testConnection(loadKubeConfig({ kubeconfig: withServer('https://127.0.0.1:1') }))
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('https://127.0.0.1:1') })
  })

  it('says the credentials were rejected, without echoing the token', async () => {
    const token = 'not-a-real-token-0123456789abcdef'
    const result = await testConnection(loadKubeConfig({ kubeconfig: withToken(admin.getCurrentCluster()!.server, token) }))
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/401/) })
    expect(JSON.stringify(result)).not.toContain(token)
  })

  describe('against a server that never answers', () => {
    let server: Server
    const sockets: Socket[] = []
    let port: number
    beforeAll(async () => {
      server = createServer((socket) => sockets.push(socket)) // accepts, then stays silent
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      port = (server.address() as { port: number }).port
    })
    afterAll(async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    })

    it('gives up after the time limit', async () => {
      const started = Date.now()
      const result = await testConnection(loadKubeConfig({ kubeconfig: withServer(`https://127.0.0.1:${port}`) }), { timeoutMs: 700 })
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/no answer within/) })
    })
  })
})

describe('kubeconfig from the control plane', () => {
  it('listContexts names the context, cluster, server and user, and nothing secret', () => {
    const contexts = listContexts(yaml)
    expect(contexts).toEqual([
      { name: 'testenv', cluster: 'testenv', server: admin.getCurrentCluster()!.server, user: 'testenv-admin', namespace: 'default', current: true },
    ])
    const text = JSON.stringify(contexts)
    expect(text).not.toContain(key.slice(0, 32))
    expect(text).not.toContain(admin.getCurrentUser()!.certData!.slice(0, 32))
  })

  it('loadKubeConfig refuses an unknown context and names the available ones', () => {
    expect(() => loadKubeConfig({ kubeconfig: yaml, context: 'prod' })).toThrow(KubeconfigError)
    expect(() => loadKubeConfig({ kubeconfig: yaml, context: 'prod' })).toThrow(/context "prod" not found.*available: testenv/)
  })
})
