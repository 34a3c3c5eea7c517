import { HttpMethod, PatchStrategy } from '@kubernetes/client-node'
import { isNotFound, KubeApiError, toFailure } from '../http/api-error.ts'
import type { Location } from '../http/object-client.ts'
import type { ApplyResult, K8sObject, ObjectRef } from '../types.ts'
import { mapConcurrent } from '../util/map-concurrent.ts'
import { semaphore } from '../util/semaphore.ts'
import { refOf } from '../util/object-ref.ts'
import type { ApplierContext } from './applier-context.ts'
import { applyAction } from './apply-action.ts'

/** An apply whose reads are done (or under way); `apply()` sends the writes. */
export type PreparedApply = {
  /** Server-side applies every object (reads first finish) and returns one result per object, in input order. Call once. */
  apply(): Promise<ApplyResult[]>
}

/**
 * What one object's apply needs before it writes: where it lives, the body to send and the object
 * as it is now (`before`, to tell created/configured/unchanged), or the failure that ends it.
 */
type ReadState =
  | { ref: ObjectRef; failed: ApplyResult }
  | { ref: ObjectRef; failed?: undefined; location: Location; body: K8sObject; before: K8sObject | undefined; elsewhere?: false }
  | { ref: ObjectRef; failed?: undefined; body: K8sObject; elsewhere: true }

/**
 * Server-side applies every object concurrently (at most `concurrency` in flight) and returns one
 * result per object, in input order. With `dryRun` the server runs admission and validation
 * (dryRun=All) and persists nothing. One failure never hides another object's result.
 */
export async function applyObjects(ctx: ApplierContext, objects: readonly K8sObject[], { dryRun }: { dryRun: boolean }): Promise<ApplyResult[]> {
  if (!dryRun) return prepareApply(ctx, objects).apply()
  await ctx.client.warm(objects)
  const missing = await missingNamespaces(ctx, objects)
  return mapConcurrent(objects, ctx.concurrency, async (object) => writeOne(ctx, await readOne(ctx, object, true, missing), true))
}

/**
 * Starts the reads of an apply at once (discovery, then each object's current state; at most
 * `concurrency` in flight) and returns a handle that writes when asked. Nothing changes in the
 * cluster before `apply()`. Each object's write waits for its own read only.
 */
export function prepareApply(ctx: ApplierContext, objects: readonly K8sObject[]): PreparedApply {
  const warmed = ctx.client.warm(objects)
  const limit = semaphore(ctx.concurrency)
  const reads = objects.map((object) => limit(() => warmed.then(() => readOne(ctx, object, false, NO_NAMESPACES))))
  let applied = false
  return {
    apply() {
      if (applied) return Promise.reject(new Error('a prepared apply can be applied once'))
      applied = true
      return mapConcurrent(objects, ctx.concurrency, async (_object, i) => writeOne(ctx, await reads[i]!, false))
    },
  }
}

const NO_NAMESPACES: ReadonlySet<string> = new Set()

/**
 * The namespaces of these objects that do not exist. A run dry-runs before it creates
 * namespaces, and the server refuses anything in a missing namespace before validating it.
 */
async function missingNamespaces(ctx: ApplierContext, objects: readonly K8sObject[]): Promise<Set<string>> {
  const names = [...new Set(objects.map((o) => o?.metadata?.namespace).filter((n): n is string => !!n))]
  const missing = new Set<string>()
  await mapConcurrent(names, ctx.concurrency, async (name) => {
    const location = await ctx.client.locate({ apiVersion: 'v1', kind: 'Namespace', name }, 'read')
    await ctx.client.get(location.path).catch((err: unknown) => {
      if (isNotFound(err)) missing.add(name)
      // Any other failure (403 for a namespace-scoped user): let each object's request tell.
    })
  }).catch(() => undefined)
  return missing
}

async function readOne(ctx: ApplierContext, object: K8sObject, dryRun: boolean, missing: ReadonlySet<string>): Promise<ReadState> {
  let ref: ObjectRef = refOf(object)
  const shapeError = checkShape(object)
  if (shapeError) return { ref, failed: { object: ref, ok: false, error: shapeError, reason: 'Invalid' } }
  try {
    const location = await ctx.client.locate({ ...ref }, 'read')
    ref = { ...ref, namespace: location.namespace }
    if (!location.namespace) delete ref.namespace
    const body = { ...object, metadata: { ...object.metadata, namespace: location.namespace } }
    if (!location.namespaced) delete body.metadata.namespace
    if (dryRun && location.namespaced && location.namespace && missing.has(location.namespace)) return { ref, body, elsewhere: true }
    const before = await ctx.client.get<K8sObject>(location.path).catch((err: unknown) => {
      if (isNotFound(err)) return undefined
      throw err
    })
    return { ref, location, body, before }
  } catch (err) {
    return { ref, failed: failureOf(ctx, ref, err) }
  }
}

async function writeOne(ctx: ApplierContext, state: ReadState, dryRun: boolean): Promise<ApplyResult> {
  if (state.failed) return state.failed
  const { ref } = state
  try {
    if (state.elsewhere) return await dryRunElsewhere(ctx, ref, state.body)
    const after = await ctx.client.send<K8sObject>(HttpMethod.PATCH, state.location.path, {
      query: { fieldManager: ctx.fieldManager, force: true, fieldValidation: 'Strict', dryRun: dryRun ? 'All' : undefined },
      contentType: PatchStrategy.ServerSideApply,
      body: state.body,
    })
    return { object: ref, ok: true, action: applyAction(state.before, after, ctx.fieldManager, { dryRun }) }
  } catch (err) {
    return failureOf(ctx, ref, err)
  }
}

function failureOf(ctx: ApplierContext, ref: ObjectRef, err: unknown): ApplyResult {
  const failure = toFailure(err)
  const result: ApplyResult = { object: ref, ok: false, error: ctx.clean(failure.error) }
  if (failure.reason) result.reason = failure.reason
  if (failure.field) result.field = failure.field
  return result
}

function checkShape(object: K8sObject): string | undefined {
  if (!object || typeof object !== 'object') return 'not an object'
  if (!object.apiVersion) return 'apiVersion is required'
  if (!object.kind) return 'kind is required'
  if (!object.metadata?.name) return 'metadata.name is required'
  return undefined
}

/**
 * Validates an object meant for a namespace that does not exist yet by a dry-run create of it in
 * FALLBACK_NAMESPACE: the server checks the namespace before anything else, but a create in an
 * existing namespace runs defaulting, validation and admission, and reports AlreadyExists only
 * after validation passed. What cannot be checked this way: namespace-specific admission
 * (quotas, limit ranges, pod security of the future namespace).
 */
async function dryRunElsewhere(ctx: ApplierContext, ref: ObjectRef, body: K8sObject): Promise<ApplyResult> {
  const note = `namespace ${ref.namespace} does not exist yet; validated with a dry-run in namespace ${FALLBACK_NAMESPACE}`
  const location = await ctx.client.locate({ apiVersion: ref.apiVersion, kind: ref.kind, namespace: FALLBACK_NAMESPACE }, 'create')
  try {
    await ctx.client.send(HttpMethod.POST, location.path, {
      query: { fieldManager: ctx.fieldManager, fieldValidation: 'Strict', dryRun: 'All' },
      body: { ...body, metadata: { ...body.metadata, namespace: FALLBACK_NAMESPACE } },
    })
  } catch (err) {
    if (!(err instanceof KubeApiError && err.code === 409 && err.status?.reason === 'AlreadyExists')) throw err
  }
  return { object: ref, ok: true, action: 'created', note }
}

const FALLBACK_NAMESPACE = 'default'
