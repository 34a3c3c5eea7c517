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
builder.objectType(DomainError, { name: 'DomainError', interfaces: [ErrorInterface], fields: () => ({}) })
builder.objectType(NotFoundError, { name: 'NotFoundError', interfaces: [ErrorInterface], fields: () => ({}) })
builder.objectType(AuthenticationError, { name: 'AuthenticationError', interfaces: [ErrorInterface], fields: () => ({}) })
builder.objectType(ForbiddenError, { name: 'ForbiddenError', interfaces: [ErrorInterface], fields: () => ({}) })
builder.objectType(ConflictError, { name: 'ConflictError', interfaces: [ErrorInterface], fields: () => ({}) })
builder.objectType(InvalidTransitionError, { name: 'InvalidTransitionError', interfaces: [ErrorInterface], fields: () => ({}) })
builder.objectType(RateLimitedError, { name: 'RateLimitedError', interfaces: [ErrorInterface], fields: () => ({}) })

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
