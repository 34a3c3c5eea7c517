import { type KubeConfig, Watch } from '@kubernetes/client-node'
import { credentialsOf, redact } from '../config/redact.ts'
import { ObjectClient } from '../http/object-client.ts'
import type { GroupVersionKind, K8sObject } from '../types.ts'
import { Reflector } from './reflector.ts'
import { EVENT, relatedEvents, snapshotSignature } from './related-kinds.ts'

export type WatchSnapshot = { apiVersion: string; kind: string; objects: K8sObject[] }

export type WatchResourcesOptions = {
  namespaces: string[]
  labelSelector: string
  kinds: GroupVersionKind[]
  /**
   * Extra kinds watched in the same namespaces (for health: the domain's RELATED_TYPES), by the
   * same label selector, except v1 Events: all events of the namespace, reported only when about
   * a watched object. Pass [] to watch `kinds` only.
   */
  related: GroupVersionKind[]
  onChange: (snapshot: WatchSnapshot) => void
  onError?: (e: Error) => void
  /**
   * Called with false (and the error) when a list or watch of this watcher starts failing while
   * all were fine, and with true once every failing one is answered again. The cached objects
   * are stale in between: a caller that shows state should say that it cannot observe it.
   */
  onReachability?: (reachable: boolean, error?: Error) => void
  /**
   * At most one report per kind group per this many ms (default 50). A change after a quiet
   * period is reported at once (next timer turn); changes that follow within the window are
   * gathered into one report at its end.
   */
  debounceMs?: number
  /** Seconds each watch request lasts before it is renewed from its resourceVersion (default 20–27, random; client-node aborts a silent watch after 30 s). */
  serverTimeoutSeconds?: number
}

export interface ResourceWatcher {
  /** Ends every watch and list; resolves when no connection of this watcher is left open. No onChange/onError after it resolves. */
  stop(): Promise<void>
}

/**
 * Watches `kinds` (plus the related kinds, see options) matching `labelSelector` in each namespace,
 * one list+watch per kind and namespace (namespace-scoped, so a user with namespace rights only
 * can use it).
 *
 * Contract of onChange: called with the full current set of objects of one kind across all the
 * namespaces, once that kind has been listed in every namespace (so an empty `objects` means
 * "observed: none", never "not yet known"), and again after each change, debounced; a snapshot
 * equal to the last one reported (same objects at the same resourceVersions) is not repeated.
 * onError gets connection and permission problems; the watcher keeps retrying with backoff and
 * relists after 410 Gone, so errors are information, never the end. Nothing throws.
 */
export function watchResources(kc: KubeConfig, opts: WatchResourcesOptions): ResourceWatcher {
  const client = ObjectClient.forConfig(kc)
  const watch = new Watch(kc)
  const secrets = credentialsOf(kc)
  const debounceMs = opts.debounceMs ?? 50
  const kinds = dedupe([...opts.kinds, ...opts.related])
  const namespaces = [...new Set(opts.namespaces)]
  let stopped = false

  const groups = new Map<string, { gvk: GroupVersionKind; reflectors: Reflector[]; signature?: string }>()
  const dirty = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let lastFlush = -Infinity

  const markDirty = (key: string) => {
    if (stopped) return
    dirty.add(key)
    // Events are filtered by the uids of the other objects, so they may change with them.
    if (key !== keyOf(EVENT) && groups.has(keyOf(EVENT))) dirty.add(keyOf(EVENT))
    // Leading edge: a change after a quiet period goes out on the next timer turn (changes of the
    // same moment still coalesce); within the window after a report, they wait for its end.
    timer ??= setTimeout(flush, Math.max(0, lastFlush + debounceMs - performance.now()))
  }

  const flush = () => {
    timer = undefined
    lastFlush = performance.now()
    if (stopped) return
    const keys = [...dirty]
    dirty.clear()
    for (const key of keys) {
      const group = groups.get(key)
      if (!group || !group.reflectors.every((r) => r.synced)) continue
      const objects = key === keyOf(EVENT) ? relatedEvents(objectsOf(group), otherObjects()) : objectsOf(group)
      const signature = snapshotSignature(objects)
      if (signature === group.signature) continue
      group.signature = signature
      try {
        opts.onChange({ apiVersion: group.gvk.apiVersion, kind: group.gvk.kind, objects })
      } catch (err) {
        onError(err instanceof Error ? err : new Error(String(err)))
      }
    }
  }

  const objectsOf = (group: { reflectors: Reflector[] }) => group.reflectors.flatMap((r) => [...r.objects.values()])
  const otherObjects = () => [...groups].filter(([key]) => key !== keyOf(EVENT)).flatMap(([, group]) => objectsOf(group))

  const onError = (err: Error) => {
    if (stopped) return
    err.message = redact(err.message, secrets)
    try {
      opts.onError?.(err)
    } catch {
      // a throwing error handler must not end the watch
    }
  }

  // Reflectors whose last request failed; the watcher is unreachable while any is in here.
  const failing = new Set<string>()
  const failed = (id: string, err: Error) => {
    onError(err)
    const was = failing.size
    failing.add(id)
    if (was === 0 && !stopped) opts.onReachability?.(false, err)
  }
  const connected = (id: string) => {
    if (!failing.delete(id) || failing.size > 0 || stopped) return
    opts.onReachability?.(true)
  }

  for (const gvk of kinds) {
    const key = keyOf(gvk)
    const isEvent = key === keyOf(EVENT)
    const reflectors = namespaces.map((namespace) => {
      const id = `${key} ${namespace}`
      return new Reflector({
        client, watch, gvk, namespace, labelSelector: isEvent ? undefined : opts.labelSelector, onUpdate: () => markDirty(key),
        onError: (err) => failed(id, err), onConnected: () => connected(id), serverTimeoutSeconds: opts.serverTimeoutSeconds,
      })
    })
    groups.set(key, { gvk, reflectors })
  }
  for (const group of groups.values()) for (const reflector of group.reflectors) reflector.start()

  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      timer = undefined
      await Promise.all([...groups.values()].flatMap((g) => g.reflectors.map((r) => r.stop())))
    },
  }
}

function keyOf(gvk: GroupVersionKind): string {
  return `${gvk.apiVersion}/${gvk.kind}`
}

function dedupe(kinds: GroupVersionKind[]): GroupVersionKind[] {
  const seen = new Map<string, GroupVersionKind>()
  for (const gvk of kinds) seen.set(keyOf(gvk), { apiVersion: gvk.apiVersion, kind: gvk.kind })
  return [...seen.values()]
}
