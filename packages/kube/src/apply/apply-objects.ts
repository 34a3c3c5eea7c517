import { HttpMethod, PatchStrategy } from '@kubernetes/client-node'
import { isNotFound, toFailure } from '../http/api-error.ts'
import { KubeApiError } from '../http/api-error.ts'
import type { ApplyResult, K8sObject, ObjectRef } from '../types.ts'
import { mapConcurrent } from '../util/map-concurrent.ts'
import { refOf } from '../util/object-ref.ts'
import type { ApplierContext } from './applier-context.ts'
import { applyAction, dryRunAction } from './apply-action.ts'

/**
 * Server-side applies every object concurrently (at most `concurrency` in flight) and returns one
 * result per object, in input order. With `dryRun` the server runs admission and validation
 * (dryRun=All) and persists nothing. One failure never hides another object's result.
 */
export async function applyObjects(ctx: ApplierContext, objects: readonly K8sObject[], { dryRun }: { dryRun: boolean }): Promise<ApplyResult[]> {
  await ctx.client.warm(objects)
  return mapConcurrent(objects, ctx.concurrency, (object) => applyOne(ctx, object, dryRun))
}

async function applyOne(ctx: ApplierContext, object: K8sObject, dryRun: boolean): Promise<ApplyResult> {
  let ref: ObjectRef = refOf(object)
  const shapeError = checkShape(object)
  if (shapeError) return { object: ref, ok: false, error: shapeError, reason: 'Invalid' }
  try {
    const location = await ctx.client.locate({ ...ref }, 'read')
    ref = { ...ref, namespace: location.namespace }
    if (!location.namespace) delete ref.namespace
    const body = { ...object, metadata: { ...object.metadata, namespace: location.namespace } }
    if (!location.namespaced) delete body.metadata.namespace

    const before = await ctx.client.get<K8sObject>(location.path).catch((err: unknown) => {
      if (isNotFound(err)) return undefined
      throw err
    })
    try {
      const after = await ctx.client.send<K8sObject>(HttpMethod.PATCH, location.path, {
        query: { fieldManager: ctx.fieldManager, force: true, fieldValidation: 'Strict', dryRun: dryRun ? 'All' : undefined },
        contentType: PatchStrategy.ServerSideApply,
        body,
      })
      return { object: ref, ok: true, action: dryRun ? dryRunAction(before, after) : applyAction(before, after) }
    } catch (err) {
      // A dry-run into a namespace that does not exist yet (the run creates namespaces after the
      // dry-run): the server validated the object, then NamespaceLifecycle admission refused it.
      // Field errors come before that check, so reaching it means the object itself is valid.
      if (dryRun && !before && ref.namespace && isMissingNamespace(err, ref.namespace)) {
        return { object: ref, ok: true, action: 'created', note: `namespace ${ref.namespace} does not exist yet` }
      }
      throw err
    }
  } catch (err) {
    const failure = toFailure(err)
    const result: ApplyResult = { object: ref, ok: false, error: ctx.clean(failure.error) }
    if (failure.reason) result.reason = failure.reason
    if (failure.field) result.field = failure.field
    return result
  }
}

function checkShape(object: K8sObject): string | undefined {
  if (!object || typeof object !== 'object') return 'not an object'
  if (!object.apiVersion) return 'apiVersion is required'
  if (!object.kind) return 'kind is required'
  if (!object.metadata?.name) return 'metadata.name is required'
  return undefined
}

function isMissingNamespace(err: unknown, namespace: string): boolean {
  if (!(err instanceof KubeApiError) || err.code !== 404) return false
  const details = err.status?.details
  return details?.kind === 'namespaces' && details.name === namespace
}
