import type { ObjectClient } from '../http/object-client.ts'

/** What every applier operation shares: one client (and its discovery cache) and the limits. */
export type ApplierContext = {
  client: ObjectClient
  fieldManager: string
  concurrency: number
  /** Errors are returned to callers; this scrubs credentials from their text first. */
  clean: (text: string) => string
}
