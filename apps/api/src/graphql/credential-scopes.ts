import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'
import { createGraphQLError, type Plugin } from 'graphql-yoga'
import { ForbiddenError } from '../errors.ts'
import { meets, type Actor, type Requirement } from '../services/index.ts'

/**
 * Checks, before anything executes, that the caller's credential allows every root field of the
 * operation (services/auth/scopes.ts): a field's `extensions.requires`, else `read` for queries and
 * subscriptions and `write` for mutations. One place for every transport — HTTP, SSE and graphql-ws
 * all execute through yoga's envelop — and new fields get the safe default without anyone
 * remembering to add it. Anonymous callers are left to each field's `loggedIn` check.
 */
export function useCredentialScopes(): Plugin<{ actor?: Actor }> {
  const check = (args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; contextValue: { actor?: Actor } }) => {
    const actor = args.contextValue.actor
    if (!actor) return undefined
    const operation = pickOperation(args.document, args.operationName)
    if (!operation) return undefined
    const root = args.schema.getRootType(operation.operation)
    if (!root) return undefined
    try {
      for (const need of requirements(root, operation, args.document)) meets(actor, need)
      return undefined
    } catch (e) {
      if (!(e instanceof ForbiddenError)) throw e
      return { errors: [createGraphQLError(e.message, { extensions: { code: e.code } })] }
    }
  }
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = check(args)
      if (refused) setResultAndStopExecution(refused)
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = check(args)
      if (refused) setResultAndStopExecution(refused)
    },
  }
}

function pickOperation(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
  return name ? ops.find((o) => o.name?.value === name) : ops.length === 1 ? ops[0] : undefined
}

/** What each root field selected (through fragments too) requires. */
function requirements(root: GraphQLObjectType, operation: OperationDefinitionNode, document: DocumentNode): Set<Requirement> {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  )
  const fallback: Requirement = operation.operation === 'mutation' ? 'write' : 'read'
  const fields = root.getFields()
  const needs = new Set<Requirement>()
  const seen = new Set<string>()
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue
        needs.add((fields[sel.name.value]?.extensions as { requires?: Requirement } | undefined)?.requires ?? fallback)
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet)
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value)
        const fragment = fragments.get(sel.name.value)
        if (fragment) walk(fragment.selectionSet)
      }
    }
  }
  walk(operation.selectionSet)
  return needs
}
