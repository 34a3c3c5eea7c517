import { isGone } from '../http/api-error.ts'
import type { GroupVersionKind, K8sObject } from '../types.ts'
import { mapConcurrent } from '../util/map-concurrent.ts'
import type { ApplierContext } from './applier-context.ts'

type List = { metadata?: { continue?: string }; items?: K8sObject[] }

const PAGE_SIZE = 500

/**
 * Every object of these kinds, in all namespaces, that matches the label selector; items carry
 * apiVersion and kind (the API omits them in lists). A kind the cluster does not serve has no
 * objects and is skipped. Any other failure throws: prune and archive must not mistake "could not
 * list" for "nothing there".
 */
export async function listManaged(ctx: ApplierContext, labelSelector: string, kinds: readonly GroupVersionKind[]): Promise<K8sObject[]> {
  await ctx.client.warm(kinds)
  const perKind = await mapConcurrent(kinds, ctx.concurrency, async (gvk) => {
    let location
    try {
      location = await ctx.client.locate(gvk, 'list')
    } catch (err) {
      if (/does not serve/.test(String((err as Error).message))) return []
      throw err
    }
    return listAll(ctx, location.path, labelSelector, gvk)
  })
  return perKind.flat()
}

async function listAll(ctx: ApplierContext, path: string, labelSelector: string, gvk: GroupVersionKind, restarted = false): Promise<K8sObject[]> {
  const items: K8sObject[] = []
  let token: string | undefined
  do {
    let page: List
    try {
      page = await ctx.client.get<List>(path, { query: { labelSelector, limit: PAGE_SIZE, continue: token } })
    } catch (err) {
      // The continue token expired between pages: start over once, as client-go's pager does.
      if (token && isGone(err) && !restarted) return listAll(ctx, path, labelSelector, gvk, true)
      throw err
    }
    for (const item of page.items ?? []) items.push({ ...item, apiVersion: gvk.apiVersion, kind: gvk.kind })
    token = page.metadata?.continue || undefined
  } while (token)
  return items
}
