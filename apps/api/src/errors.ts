import { DomainError, ValidationError, type GraphIssue } from '@kubeorch/domain'

// Expected failures: one base class (from the domain), one subclass per kind of failure.
// The HTTP status of each lives in HTTP_STATUS below; GraphQL exposes each as an object type.
export { DomainError, ValidationError, type GraphIssue }

export class NotFoundError extends DomainError {
  constructor(readonly entity: string) {
    super(`${entity} not found`, 'NOT_FOUND')
  }
}

export class AuthenticationError extends DomainError {
  constructor(message = 'authentication required') {
    super(message, 'UNAUTHENTICATED')
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(message, 'FORBIDDEN')
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code = 'CONFLICT') {
    super(message, code)
  }
}

/** A save based on an older revision than the stored one. */
export class RevisionConflictError extends ConflictError {
  constructor(readonly currentRevision: number) {
    super(`the workflow was changed by someone else: current revision is ${currentRevision}`, 'REVISION_CONFLICT')
  }
}

export class InvalidTransitionError extends ConflictError {
  constructor(readonly from: string, readonly to: string, allowed: string[]) {
    super(
      `cannot change workflow status from ${from} to ${to}` +
        (allowed.length ? `; from ${from} it can go to: ${allowed.join(', ')}` : ''),
      'INVALID_TRANSITION',
    )
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many requests; retry in ${retryAfterSeconds}s`, 'RATE_LIMITED')
  }
}

/** A dependency the request needs (PostgreSQL) cannot be reached right now; retrying later can work. */
export class ServiceUnavailableError extends DomainError {
  constructor(message = 'the database is unavailable; retry shortly') {
    super(message, 'SERVICE_UNAVAILABLE')
  }
}

/** Error class → HTTP status, most specific first. */
export const HTTP_STATUS: [new (...args: never[]) => DomainError, number][] = [
  [ValidationError, 400],
  [AuthenticationError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [RateLimitedError, 429],
  [ServiceUnavailableError, 503],
  [DomainError, 400],
]

export function httpStatusOf(error: DomainError): number {
  return HTTP_STATUS.find(([cls]) => error instanceof cls)?.[1] ?? 400
}

/** Builds a ValidationError for one input field. */
export function invalidField(path: (string | number)[], message: string): ValidationError {
  return new ValidationError([{ path, message }])
}

/**
 * The expected failure behind an error, if any: a DomainError itself, or PostgreSQL refusing a value
 * the client sent (SQLSTATE class 22 "data exception": a NUL character in text, an id that is not
 * a UUID, a number out of range). Those are bad input, not server faults, whichever field held them.
 */
export function expectedFailureOf(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error
  if (isDatabaseUnavailable(error)) return new ServiceUnavailableError()
  const sqlState = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | undefined)?.meta?.driverAdapterError?.cause?.originalCode
  if (typeof sqlState === 'string' && sqlState.startsWith('22'))
    return new ValidationError([{ path: [], message: 'the request contains a value that cannot be stored (for example a NUL character or a malformed id)' }])
  return undefined
}

// Driver adapter error kinds and SQLSTATE classes that mean "PostgreSQL is not there right now"
// (down, restarting, shutting down, connection lost), as opposed to a bad query or bad input.
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError'])
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'])

function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: unknown; message?: string; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: unknown } } } } | undefined
  if (!e || typeof e !== 'object') return false
  if (e.name === 'PrismaClientInitializationError') return true
  const cause = e.meta?.driverAdapterError?.cause
  if (cause?.kind && UNAVAILABLE_KINDS.has(cause.kind)) return true
  const code = typeof cause?.originalCode === 'string' ? cause.originalCode : typeof e.code === 'string' ? e.code : ''
  // 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now.
  if (/^(08|57P0[123])/.test(code) || UNAVAILABLE_ERRNO.has(code)) return true
  return e.message === 'Connection terminated unexpectedly' || e.message === 'Connection terminated'
}
