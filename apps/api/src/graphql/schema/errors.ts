import {
  AuthenticationError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  RateLimitedError,
  RevisionConflictError,
  ValidationError,
} from '../../errors.ts'
import { builder } from '../builder.ts'

// One GraphQL object type per error class; fields list the classes they can raise.
export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message'), code: t.exposeString('code') }),
})

const FieldIssue = builder.objectRef<{ path: (string | number)[]; message: string; nodeId?: string; edgeId?: string }>('FieldIssue')
FieldIssue.implement({
  fields: (t) => ({
    path: t.stringList({ resolve: (i) => i.path.map(String) }),
    message: t.exposeString('message'),
    nodeId: t.exposeString('nodeId', { nullable: true }),
    edgeId: t.exposeString('edgeId', { nullable: true }),
  }),
})

const errorType = <T extends DomainError>(cls: new (...args: never[]) => T, name: string) =>
  builder.objectType(cls as never, { name, interfaces: [ErrorInterface], fields: () => ({}) })

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [FieldIssue], resolve: (e) => e.issues }) }),
})
builder.objectType(RevisionConflictError, {
  name: 'RevisionConflictError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ currentRevision: t.exposeInt('currentRevision') }),
})
errorType(DomainError, 'DomainError')
errorType(NotFoundError, 'NotFoundError')
errorType(AuthenticationError, 'AuthenticationError')
errorType(ForbiddenError, 'ForbiddenError')
errorType(ConflictError, 'ConflictError')
errorType(InvalidTransitionError, 'InvalidTransitionError')
errorType(RateLimitedError, 'RateLimitedError')

// Subclasses before their base class: a union member is chosen by the first matching instanceof.
export const READ_ERRORS = [ValidationError, NotFoundError]
export const WRITE_ERRORS = [
  ValidationError,
  RevisionConflictError,
  InvalidTransitionError,
  NotFoundError,
  ForbiddenError,
  ConflictError,
]
