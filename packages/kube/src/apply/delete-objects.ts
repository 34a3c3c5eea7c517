import { HttpMethod } from '@kubernetes/client-node'
import { isNotFound, toFailure } from '../http/api-error.ts'
import type { DeleteResult, ObjectRef } from '../types.ts'
import { mapConcurrent } from '../util/map-concurrent.ts'
import type { ApplierContext } from './applier-context.ts'

/**
 * Deletes every object (propagationPolicy Background: the garbage collector removes dependents
 * such as ReplicaSets and Pods afterwards). An object already gone is `absent`, not an error.
 */
export async function deleteObjects(ctx: ApplierContext, refs: readonly ObjectRef[]): Promise<DeleteResult[]> {
  await ctx.client.warm(refs)
  return mapConcurrent(refs, ctx.concurrency, async (ref): Promise<DeleteResult> => {
    try {
      const location = await ctx.client.locate(ref, 'read')
      await ctx.client.send(HttpMethod.DELETE, location.path, { query: { propagationPolicy: 'Background' } })
      return { object: ref, ok: true, action: 'pruned' }
    } catch (err) {
      if (isNotFound(err) && !isKindNotServed(err)) return { object: ref, ok: true, action: 'absent' }
      const failure = toFailure(err)
      const result: DeleteResult = { object: ref, ok: false, error: ctx.clean(failure.error) }
      if (failure.reason) result.reason = failure.reason
      return result
    }
  })
}

function isKindNotServed(err: unknown): boolean {
  return /does not serve/.test(String((err as Error).message))
}
