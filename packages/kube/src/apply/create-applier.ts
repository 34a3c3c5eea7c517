import type { KubeConfig } from '@kubernetes/client-node'
import { credentialsOf, redact } from '../config/redact.ts'
import { ObjectClient } from '../http/object-client.ts'
import type { ApplyResult, DeleteResult, GroupVersionKind, K8sObject, ObjectRef } from '../types.ts'
import type { ApplierContext } from './applier-context.ts'
import { applyObjects, prepareApply, type PreparedApply } from './apply-objects.ts'
import { deleteObjects } from './delete-objects.ts'
import { ensureNamespaces } from './ensure-namespaces.ts'
import { listManaged } from './list-managed.ts'

/**
 * Changes a cluster's objects. Every method returns one result per input, in input order, and
 * never rejects for a per-object failure (only listManaged throws, see there). Results carry the
 * server's message, Status reason and field; texts never contain the kubeconfig's credentials.
 */
export interface Applier {
  /** Server-side dry-run (dryRun=All) of every object, concurrently; never changes the cluster. An object whose namespace does not exist yet is validated and reported `created` with a note. */
  dryRun(objects: K8sObject[]): Promise<ApplyResult[]>
  /** Server-side apply with the field manager (default 'kubeorch'), force=true, concurrently. `created` if the object did not exist, `unchanged` if its resourceVersion did not change, else `configured`. */
  apply(objects: K8sObject[]): Promise<ApplyResult[]>
  /**
   * `apply` in two halves: starts the reads now (discovery and each object's current state, which
   * tells created/configured/unchanged) and returns a handle whose `apply()` sends the writes.
   * Nothing changes before `apply()`, so a caller applying in steps can read the next step's
   * objects while the current step is written. Same results as `apply`.
   */
  prepareApply(objects: K8sObject[]): PreparedApply
  /** Creates missing namespaces (`created`), leaves existing ones (`unchanged`); a terminating namespace is a failure. */
  ensureNamespaces(names: string[]): Promise<ApplyResult[]>
  /** Deletes with propagationPolicy Background; `absent` when the object was already gone. */
  delete(refs: ObjectRef[]): Promise<DeleteResult[]>
  /** All objects of these kinds in all namespaces matching the label selector (for prune and archive). Throws if a kind cannot be listed. */
  listManaged(labelSelector: string, kinds: GroupVersionKind[]): Promise<K8sObject[]>
}

export type ApplierOptions = {
  fieldManager?: string
  /** Requests in flight at once per call (default 8). */
  concurrency?: number
  /** Bound on each HTTP request (default 30 s). */
  requestTimeoutMs?: number
}

export function createApplier(kc: KubeConfig, opts: ApplierOptions = {}): Applier {
  const secrets = credentialsOf(kc)
  const ctx: ApplierContext = {
    client: ObjectClient.forConfig(kc, { requestTimeoutMs: opts.requestTimeoutMs ?? 30_000 }),
    fieldManager: opts.fieldManager ?? 'kubeorch',
    concurrency: Math.max(1, opts.concurrency ?? 8),
    clean: (text) => redact(text, secrets),
  }
  return {
    dryRun: (objects) => applyObjects(ctx, objects, { dryRun: true }),
    apply: (objects) => applyObjects(ctx, objects, { dryRun: false }),
    prepareApply: (objects) => prepareApply(ctx, objects),
    ensureNamespaces: (names) => ensureNamespaces(ctx, names),
    delete: (refs) => deleteObjects(ctx, refs),
    listManaged: (labelSelector, kinds) => listManaged(ctx, labelSelector, kinds),
  }
}
