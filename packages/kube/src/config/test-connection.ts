import { CoreV1Api, type KubeConfig, Observable, type RequestContext, type ResponseContext, VersionApi } from '@kubernetes/client-node'
import { toFailure } from '../http/api-error.ts'
import { credentialsOf, redact } from './redact.ts'

export type ConnectionTestResult =
  /** `nodes` is null when the credentials may not list nodes (a namespace-scoped user). */
  | { ok: true; version: string; nodes: number | null }
  | { ok: false; error: string }

/**
 * Asks the cluster for its version and node count within `timeoutMs` (default 10 s). Never
 * throws; the error text names the server and the cause but never a credential.
 */
export async function testConnection(kc: KubeConfig, { timeoutMs = 10_000 } = {}): Promise<ConnectionTestResult> {
  const server = kc.getCurrentCluster()?.server ?? '(no cluster)'
  const secrets = credentialsOf(kc)
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(Object.assign(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`), { name: 'ConnectionTimeout' }))
    }, timeoutMs)
  })
  // Both the signal (ends the HTTP request) and the race (bounds credential plugins and DNS) apply.
  const options = {
    middleware: [
      {
        pre: (ctx: RequestContext) => {
          ctx.setSignal(controller.signal)
          return new Observable(Promise.resolve(ctx))
        },
        post: (rsp: ResponseContext) => new Observable(Promise.resolve(rsp)),
      },
    ],
    middlewareMergeStrategy: 'append' as const,
  }
  try {
    const work = (async () => {
      const info = await kc.makeApiClient(VersionApi).getCode({}, options)
      const nodes = await countNodes(kc.makeApiClient(CoreV1Api), options)
      return { ok: true as const, version: info.gitVersion, nodes }
    })()
    work.catch(() => {}) // the race may have settled first; the late rejection is expected
    return await Promise.race([work, timeout])
  } catch (err) {
    return { ok: false, error: redact(`cannot use ${server}: ${describe(err)}`, secrets) }
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
}

async function countNodes(core: CoreV1Api, options: Parameters<CoreV1Api['listNode']>[1]): Promise<number | null> {
  try {
    const first = await core.listNode({ limit: 1 }, options)
    const remaining = first.metadata?.remainingItemCount
    if (remaining !== undefined || !first.metadata?._continue) return first.items.length + (remaining ?? 0)
    // No count from the server: page through (names only matter, but the API has no count call).
    let count = first.items.length
    let next: string | undefined = first.metadata._continue
    while (next) {
      const page = await core.listNode({ limit: 500, _continue: next }, options)
      count += page.items.length
      next = page.metadata?._continue || undefined
    }
    return count
  } catch (err) {
    if ((err as { code?: unknown }).code === 403) return null
    throw err
  }
}

function describe(err: unknown): string {
  if ((err as { name?: unknown }).name === 'ConnectionTimeout') return (err as Error).message
  const failure = toFailure(err)
  if (failure.code === 401) return 'the credentials were rejected (401 Unauthorized)'
  if (failure.code === 403) return `access denied (403 Forbidden): ${failure.error}`
  return failure.error
}
