/** A Kubernetes object as plain JSON (what the domain renders and what the API server returns). */
export type K8sObject = {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown }
  [k: string]: unknown
}

/** Identifies one object; `namespace` is absent for cluster-scoped kinds. */
export type ObjectRef = { apiVersion: string; kind: string; namespace?: string; name: string }

export type GroupVersionKind = { apiVersion: string; kind: string }

/** A registered cluster: the kubeconfig YAML (stored encrypted) and the context to use. */
export type ClusterConnection = { kubeconfig: string; context?: string }

export type ApplyAction = 'created' | 'configured' | 'unchanged'

/**
 * The outcome for one object. A failure carries the API server's message, its Status reason
 * (Invalid, Forbidden, NotFound, Conflict, …) and the first offending field path when the server
 * names one (e.g. `spec.template.spec.containers[0].name`). `note` explains an unusual success
 * (e.g. a dry-run whose namespace does not exist yet).
 */
export type ApplyResult =
  | { object: ObjectRef; ok: true; action: ApplyAction; note?: string }
  | { object: ObjectRef; ok: false; error: string; reason?: string; field?: string }

export type DeleteResult =
  | { object: ObjectRef; ok: true; action: 'pruned' | 'absent' }
  | { object: ObjectRef; ok: false; error: string; reason?: string }
