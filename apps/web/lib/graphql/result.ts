/** A field issue from a ValidationError: `path` points into the input (e.g. nodes.3.data.image). */
export type FieldIssue = { path: string[]; message: string; nodeId?: string | null; edgeId?: string | null }

/** Any member of a result union that implements the `Error` interface. */
export type ApiError = {
  __typename: string
  message: string
  code: string
  issues?: FieldIssue[]
  currentRevision?: number
}

export type ApiResult<T> = { __typename: string; data?: T } & Partial<ApiError>

// Result unions: `<Parent><Field>Success { data }` or one of the error types.
export const READ_ERROR_FIELDS = `... on Error { message code } ... on ValidationError { issues { path message nodeId edgeId } }`
export const WRITE_ERROR_FIELDS = `${READ_ERROR_FIELDS} ... on RevisionConflictError { currentRevision }`

export type Unwrapped<T> = { ok: true; data: T } | { ok: false; error: ApiError }

/** Splits a union result into its data or its error; a transport failure becomes an error too. */
export function unwrap<T>(result: ApiResult<T> | null | undefined, transportError?: { message: string } | null): Unwrapped<T> {
  if (transportError) return { ok: false, error: { __typename: 'NetworkError', code: 'NETWORK', message: cleanMessage(transportError.message) } }
  if (!result) return { ok: false, error: { __typename: 'EmptyResult', code: 'EMPTY', message: 'The server sent no answer.' } }
  if (result.__typename.endsWith('Success') && 'data' in result) return { ok: true, data: result.data as T }
  return {
    ok: false,
    error: {
      __typename: result.__typename,
      code: result.code ?? 'ERROR',
      message: result.message ?? 'Something went wrong.',
      issues: result.issues,
      currentRevision: result.currentRevision,
    },
  }
}

/** urql prefixes messages with "[GraphQL]" / "[Network]"; people do not need that. */
export function cleanMessage(message: string): string {
  return message.replace(/^\[(GraphQL|Network)\]\s*/, '')
}
