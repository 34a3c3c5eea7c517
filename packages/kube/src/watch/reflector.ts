import type { Watch } from '@kubernetes/client-node'
import { isGone, KubeApiError, toFailure, type K8sStatus } from '../http/api-error.ts'
import type { ObjectClient } from '../http/object-client.ts'
import type { GroupVersionKind, K8sObject } from '../types.ts'
import { backoffDelay } from '../util/backoff.ts'

type List = { metadata?: { resourceVersion?: string; continue?: string }; items?: K8sObject[] }

export type ReflectorOptions = {
  client: ObjectClient
  watch: Watch
  gvk: GroupVersionKind
  /** Undefined for all namespaces (or a cluster-scoped kind). */
  namespace: string | undefined
  labelSelector: string | undefined
  /** Called after the cache changed (first list, relist, or a watch event). */
  onUpdate: () => void
  onError: (err: Error) => void
  /** Called when a list succeeded or a watch request was accepted: the server is answering again. */
  onConnected?: () => void
  /** Seconds each watch request lasts before the server ends it and it is renewed (default 20–27, random). */
  serverTimeoutSeconds?: number
}

/**
 * Keeps a cache of one kind in one namespace in sync, the way client-go's reflector does: list,
 * then watch from the list's resourceVersion; on a clean end of the watch, watch again from the
 * last resourceVersion seen (bookmarks included); on 410 Gone, list again; on any other error,
 * report it and retry with exponential backoff (capped at 30 s). Built on client-node's Watch,
 * not its ListWatch, because ListWatch stops for good after an error other than 410 and can leave
 * a connection open when stopped while a request is in flight.
 */
export class Reflector {
  readonly objects = new Map<string, K8sObject>()
  synced = false
  private resourceVersion = ''
  private stopped = false
  private controller: AbortController | undefined
  private listAbort = new AbortController()
  private wake: (() => void) | undefined
  private loop: Promise<void> | undefined
  private path: string | undefined

  constructor(private readonly opts: ReflectorOptions) {}

  start(): void {
    this.loop ??= this.run()
  }

  /** Resolves once no request of this reflector is open any more. */
  async stop(): Promise<void> {
    this.stopped = true
    this.controller?.abort()
    this.listAbort.abort()
    this.wake?.()
    await this.loop
  }

  private async run(): Promise<void> {
    let failures = 0
    while (!this.stopped) {
      try {
        this.path ??= (await this.opts.client.locate({ ...this.opts.gvk, namespace: this.opts.namespace }, 'list')).path
        if (!this.resourceVersion) await this.relist()
        const started = Date.now()
        const events = await this.watchOnce()
        // A watch that ends at once without news is a problem in disguise (a proxy closing it, say): back off.
        failures = events > 0 || Date.now() - started > 1_000 ? 0 : failures + 1
        if (failures > 0) await this.sleep(backoffDelay(failures - 1))
      } catch (err) {
        if (this.stopped) break
        if (isGone(err)) {
          this.resourceVersion = ''
          continue
        }
        // Watch's client-side inactivity timeout: just watch again from where we were.
        if ((err as { name?: unknown }).name === 'TimeoutError') continue
        this.opts.onError(this.describe(err))
        await this.sleep(backoffDelay(failures++))
      }
    }
  }

  private async relist(): Promise<void> {
    const items: K8sObject[] = []
    let token: string | undefined
    let resourceVersion = ''
    do {
      const page = await this.opts.client.get<List>(this.path!, {
        query: { labelSelector: this.opts.labelSelector, limit: 500, continue: token },
        signal: this.listAbort.signal,
      })
      resourceVersion ||= page.metadata?.resourceVersion ?? ''
      items.push(...(page.items ?? []))
      token = page.metadata?.continue || undefined
    } while (token && !this.stopped)
    if (this.stopped) return
    this.objects.clear()
    for (const item of items) this.objects.set(keyOf(item), this.complete(item))
    this.resourceVersion = resourceVersion
    this.synced = true
    this.opts.onConnected?.()
    this.opts.onUpdate()
  }

  /** One watch request; resolves with the number of changes seen when the server ends it cleanly. */
  private watchOnce(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let settled = false
      let changes = 0
      let status: K8sStatus | undefined
      const done = (err: unknown) => {
        if (settled) return
        settled = true
        this.controller = undefined
        if (err) reject(err)
        else if (status) reject(new KubeApiError(status.code ?? 500, status))
        else resolve(changes)
      }
      const onEvent = (type: string, object: K8sObject & { code?: number }) => {
        if (this.stopped || settled) return
        if (type === 'ERROR') {
          // e.g. 410 "too old resource version"; the server ends the stream right after.
          status = object as K8sStatus
          return
        }
        const rv = (object.metadata as { resourceVersion?: string } | undefined)?.resourceVersion
        if (rv) this.resourceVersion = rv
        if (type === 'BOOKMARK') return
        if (type === 'DELETED') this.objects.delete(keyOf(object))
        else if (type === 'ADDED' || type === 'MODIFIED') this.objects.set(keyOf(object), this.complete(object))
        else return
        changes++
        this.opts.onUpdate()
      }
      const query = {
        resourceVersion: this.resourceVersion,
        labelSelector: this.opts.labelSelector,
        allowWatchBookmarks: true,
        // Ends the watch on the server's side before client-node's 30 s inactivity timer aborts it.
        timeoutSeconds: this.opts.serverTimeoutSeconds ?? 20 + Math.floor(Math.random() * 8),
      }
      this.opts.watch
        .watch(this.path!, query, onEvent, done)
        .then((controller) => {
          if (settled) return
          this.controller = controller
          this.opts.onConnected?.()
          // stop() came while the request was being made: it could not abort it then.
          if (this.stopped) controller.abort()
        })
        .catch(done)
    })
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined
        resolve()
      }, ms)
      this.wake = () => {
        clearTimeout(timer)
        this.wake = undefined
        resolve()
      }
    })
  }

  private complete(object: K8sObject): K8sObject {
    return object.apiVersion && object.kind ? object : { ...object, apiVersion: this.opts.gvk.apiVersion, kind: this.opts.gvk.kind }
  }

  private describe(err: unknown): Error {
    const where = `${this.opts.gvk.apiVersion} ${this.opts.gvk.kind}${this.opts.namespace ? ` in ${this.opts.namespace}` : ''}`
    const failure = toFailure(err)
    const error = new Error(`watch ${where}: ${failure.error}`)
    return Object.assign(error, { code: failure.code, reason: failure.reason })
  }
}

function keyOf(object: K8sObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`
}
