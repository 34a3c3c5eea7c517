/** A Kubernetes `Status` object as returned in error responses. */
export type K8sStatus = {
  kind?: string
  status?: string
  message?: string
  reason?: string
  code?: number
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] }
}

/** A non-2xx answer from the API server, with its parsed Status when there is one. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError'
  constructor(
    readonly code: number,
    readonly status: K8sStatus | undefined,
    message = status?.message ?? `HTTP ${code}`,
  ) {
    super(message)
  }
}

export type Failure = { error: string; reason?: string; field?: string; code?: number }

/**
 * Turns anything a request can throw into data: the server's message, its Status reason and the
 * first field it blames. Transport errors (undici's "fetch failed") are unwrapped to their cause,
 * which is the part that says what went wrong ("connect ECONNREFUSED 127.0.0.1:1").
 */
export function toFailure(err: unknown): Failure {
  const status = statusOf(err)
  const code = codeOf(err)
  if (status && (status.message || status.reason)) {
    const failure: Failure = { error: status.message || status.reason || `HTTP ${code}` }
    const reason = status.reason || reasonForCode(code)
    if (reason) failure.reason = reason
    const field = fieldOf(status)
    if (field) failure.field = field
    if (code !== undefined) failure.code = code
    return failure
  }
  if (code !== undefined) {
    const failure: Failure = { error: `HTTP ${code}${messageOf(err) ? `: ${messageOf(err)}` : ''}`, code }
    const reason = reasonForCode(code)
    if (reason) failure.reason = reason
    return failure
  }
  return { error: messageOf(err) || 'unknown error' }
}

export function isNotFound(err: unknown): boolean {
  return codeOf(err) === 404
}

export function isGone(err: unknown): boolean {
  return codeOf(err) === 410
}

function statusOf(err: unknown): K8sStatus | undefined {
  if (err instanceof KubeApiError) return err.status
  const body = (err as { body?: unknown } | null)?.body
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body)
      return isStatus(parsed) ? parsed : undefined
    } catch {
      return undefined
    }
  }
  return isStatus(body) ? body : undefined
}

function isStatus(value: unknown): value is K8sStatus {
  return typeof value === 'object' && value !== null && ('message' in value || 'reason' in value)
}

function codeOf(err: unknown): number | undefined {
  // DOMException (TimeoutError, AbortError) has a numeric legacy `code` that is no HTTP status.
  if (typeof err !== 'object' || err === null || err instanceof DOMException) return undefined
  const e = err as { code?: unknown; statusCode?: unknown }
  const code = typeof e.code === 'number' ? e.code : typeof e.statusCode === 'number' ? e.statusCode : undefined
  return code !== undefined && code >= 100 && code <= 599 ? code : undefined
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return typeof err === 'string' ? err : ''
  const cause = (err as { cause?: unknown }).cause
  // undici: TypeError('fetch failed', { cause: Error('connect ECONNREFUSED …') }); AggregateError for several addresses.
  // client-node may prefix it: "Failed to fetch resource metadata for v1/ConfigMap: fetch failed".
  if (/fetch failed$/.test(err.message) && cause instanceof Error) {
    const inner = cause instanceof AggregateError && cause.errors[0] instanceof Error ? cause.errors[0] : cause
    const detail = inner.message || (inner as { code?: string }).code
    return detail ? err.message.replace(/fetch failed$/, detail) : err.message
  }
  if (err.name === 'TimeoutError') return 'request timed out'
  if (err.name === 'AbortError') return 'request aborted'
  return err.message
}

function fieldOf(status: K8sStatus): string | undefined {
  const fromCause = status.details?.causes?.find((c) => c.field)?.field
  if (fromCause) return fromCause
  // Server-side apply reports schema errors without causes: ".spec.replcas: field not declared in schema".
  const match = /(?:^|\s|:)\.?((?:spec|metadata|data|stringData|status|type)\b[^\s:]*): field not declared in schema/.exec(status.message ?? '')
  return match?.[1]
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
}

function reasonForCode(code: number | undefined): string | undefined {
  return code === undefined ? undefined : REASONS[code]
}
