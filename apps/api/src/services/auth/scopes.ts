import type { TokenScope } from '@kubeorch/db'
import { ForbiddenError } from '../../errors.ts'
import type { Actor } from '../context.ts'

/**
 * What an API token may do (sessions may do everything):
 * - `read`: every query, list, stream and subscription;
 * - `write`: every change to stored things: workflows, saves, versions, clusters, triggers, fixes;
 * - `run`: starting and cancelling runs and opening a terminal (work in the cluster).
 * Each operation needs exactly one scope (a fix applied with `run: true` needs write and run).
 * Managing credentials (API tokens, sessions) needs a session: a token cannot mint or revoke tokens.
 * REST routes declare theirs (`scope`, default read for GET and write otherwise); GraphQL fields
 * through `extensions: requires(...)` (default read for queries and subscriptions, write for mutations).
 */
export type Scope = 'read' | 'write' | 'run'
export const SCOPES: readonly Scope[] = ['read', 'write', 'run']
/** What an operation needs: a scope, a session (credential management), or nothing (sign-in itself). */
export type Requirement = Scope | 'session' | 'public'

export const scopeToDb = (s: Scope) => s.toUpperCase() as TokenScope
export const scopeFromDb = (s: TokenScope) => s.toLowerCase() as Scope

/** How the actor authenticated: a session (browser cookie or bearer JWT) or an API token with scopes. */
export type Credential =
  | { kind: 'session'; sessionId: string; via: 'cookie' | 'bearer' }
  | { kind: 'apiToken'; tokenId: string; scopes: readonly Scope[] }

/** Internal actors (schedules, webhooks) carry no credential: they act as the trigger's creator. */
export function hasScope(actor: Actor, scope: Scope): boolean {
  return actor.credential?.kind !== 'apiToken' || actor.credential.scopes.includes(scope)
}

export function meets(actor: Actor, need: Requirement): void {
  if (need === 'public') return
  if (need === 'session') {
    if (actor.credential?.kind === 'apiToken') throw new ForbiddenError('API tokens cannot manage API tokens or sessions; use a signed-in session')
    return
  }
  if (!hasScope(actor, need)) throw new ForbiddenError(`this API token does not have the "${need}" scope`)
}

/** GraphQL field extensions naming the requirement (read by the credential-scopes plugin). */
export const requires = (need: Requirement) => ({ requires: need })
