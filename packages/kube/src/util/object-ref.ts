import type { K8sObject, ObjectRef } from '../types.ts'

export function refOf(object: K8sObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata?.name }
  if (object.metadata?.namespace) ref.namespace = object.metadata.namespace
  return ref
}

/** `apps/v1 Deployment shop/web`, for messages and map keys. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.apiVersion} ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`
}
