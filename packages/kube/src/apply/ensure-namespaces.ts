import { HttpMethod } from '@kubernetes/client-node'
import { toFailure } from '../http/api-error.ts'
import type { ApplyResult, K8sObject } from '../types.ts'
import { mapConcurrent } from '../util/map-concurrent.ts'
import type { ApplierContext } from './applier-context.ts'

/**
 * Creates the namespaces that do not exist (`created`), leaves existing ones alone
 * (`unchanged`: KubeOrch does not take ownership of a namespace it did not create), and reports a
 * namespace that is being deleted as a failure, since nothing can be created in it.
 */
export async function ensureNamespaces(ctx: ApplierContext, names: readonly string[]): Promise<ApplyResult[]> {
  const unique = [...new Set(names)]
  return mapConcurrent(unique, ctx.concurrency, async (name) => {
    const object = { apiVersion: 'v1', kind: 'Namespace', name }
    try {
      const collection = await ctx.client.locate({ apiVersion: 'v1', kind: 'Namespace' }, 'create')
      const existing = await ctx.client.get<K8sObject>(`${collection.path}/${encodeURIComponent(name)}`).catch((err: unknown) => {
        if ((err as { code?: unknown }).code === 404) return undefined
        throw err
      })
      if (!existing) {
        await ctx.client
          .send(HttpMethod.POST, collection.path, { query: { fieldManager: ctx.fieldManager }, body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } })
          .catch((err: unknown) => {
            // Created concurrently by someone else: that is what we wanted.
            if ((err as { code?: unknown }).code !== 409) throw err
          })
        return { object, ok: true as const, action: 'created' as const }
      }
      const phase = (existing as { status?: { phase?: string } }).status?.phase
      if (phase === 'Terminating') return { object, ok: false as const, error: `namespace ${name} is being deleted`, reason: 'Terminating' }
      return { object, ok: true as const, action: 'unchanged' as const }
    } catch (err) {
      const failure = toFailure(err)
      const result: ApplyResult = { object, ok: false, error: ctx.clean(failure.error) }
      if (failure.reason) result.reason = failure.reason
      if (failure.field) result.field = failure.field
      return result
    }
  })
}
