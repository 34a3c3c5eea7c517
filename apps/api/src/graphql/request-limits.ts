import type { GraphQLError } from 'graphql'
import { createGraphQLError, type Plugin } from 'graphql-yoga'
import { MAX_JSON_DEPTH, tooDeepMessage, valueTooDeep } from '../services/bounded-json.ts'

/**
 * What one GraphQL request may make the server parse, checked before graphql-js sees it, on
 * every transport (HTTP GET/POST, SSE, graphql-ws). The web app's largest document is under
 * 1 KB and ~200 tokens, GraphiQL's introspection ~2 KB and ~190 tokens; a 5 MB document took
 * 5–10 s of the event loop to parse. The depth, alias and cost limits (yoga.ts) run after parsing.
 */
export const MAX_DOCUMENT_BYTES = 64 * 1024
/** graphql-js stops lexing past this many tokens, so parse time stays bounded (~2 ms). */
export const MAX_DOCUMENT_TOKENS = 2_000
/** Nested `{`, `[` and `(`: graphql-js parses and coerces literals recursively. */
export const MAX_DOCUMENT_NESTING = MAX_JSON_DEPTH

// Created through yoga, which may load another copy of graphql than this module (ESM and CJS):
// its masking passes only errors of its own class through.
function refuse(message: string, code: string, status: number): GraphQLError {
  return createGraphQLError(message, { extensions: { code, http: { status } } })
}

/** A GraphQLError from any copy of graphql (see refuse). */
export const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError'

/** Why a document may not be parsed, if it may not. */
export function documentLimitError(query: unknown): GraphQLError | undefined {
  if (typeof query !== 'string') return undefined // yoga answers a missing or non-string query itself
  // Characters ≤ bytes ≤ 3 × characters (UTF-16 to UTF-8): most documents need no count.
  if (query.length > MAX_DOCUMENT_BYTES || (query.length * 3 > MAX_DOCUMENT_BYTES && Buffer.byteLength(query) > MAX_DOCUMENT_BYTES))
    return refuse(`the GraphQL document is larger than ${MAX_DOCUMENT_BYTES} bytes`, 'DOCUMENT_TOO_LARGE', 413)
  if (documentNesting(query) > MAX_DOCUMENT_NESTING)
    return refuse(`the GraphQL document nests deeper than ${MAX_DOCUMENT_NESTING} levels of {, [ and (`, 'DOCUMENT_TOO_DEEP', 400)
  return undefined
}

/** Why variables may not be used, if they may not (they are JSON: deep nesting is refused). */
export function variablesLimitError(variables: unknown): GraphQLError | undefined {
  const deep = valueTooDeep(variables)
  if (!deep) return undefined
  return refuse(`variables.${deep.slice(0, 6).join('.')}: ${tooDeepMessage()}`, 'BAD_USER_INPUT', 400)
}

export function requestLimitError(params: { query?: unknown; variables?: unknown }): GraphQLError | undefined {
  return documentLimitError(params.query) ?? variablesLimitError(params.variables)
}

/**
 * Deepest nesting of brackets outside strings and comments; stops counting once past the limit.
 * Not a lexer: what is not valid GraphQL is left for graphql-js to refuse.
 */
export function documentNesting(query: string): number {
  let depth = 0
  let deepest = 0
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i)
    if (c === 0x23 /* # */) {
      while (i < query.length && query.charCodeAt(i) !== 0x0a && query.charCodeAt(i) !== 0x0d) i++
    } else if (c === 0x22 /* " */) {
      if (query.startsWith('"""', i)) {
        const end = blockStringEnd(query, i + 3)
        i = end + 2
      } else {
        for (i++; i < query.length; i++) {
          const d = query.charCodeAt(i)
          if (d === 0x5c /* \ */) i++
          else if (d === 0x22 || d === 0x0a || d === 0x0d) break
        }
      }
    } else if (c === 0x7b || c === 0x5b || c === 0x28 /* { [ ( */) {
      if (++depth > deepest) deepest = depth
      if (deepest > MAX_DOCUMENT_NESTING) return deepest
    } else if (c === 0x7d || c === 0x5d || c === 0x29 /* } ] ) */) {
      depth--
    }
  }
  return deepest
}

/** Index of the closing `"""` of a block string opened before `from` (`\"""` does not close it). */
function blockStringEnd(query: string, from: number): number {
  for (let i = from; i < query.length; i++) {
    if (query.charCodeAt(i) === 0x5c && query.startsWith('\\"""', i)) i += 3
    else if (query.startsWith('"""', i)) return i
  }
  return query.length
}

/**
 * The limits as a yoga plugin: documents and variables are checked on the request's parameters
 * (HTTP and SSE; graphql-ws calls requestLimitError itself in app.ts), and graphql-js's own
 * token limit is set on every parse, which graphql-ws goes through as well.
 */
export function useRequestLimits(): Plugin {
  return {
    onParams({ params }) {
      const error = requestLimitError(params)
      if (error) throw error
    },
    onParse({ setParseFn, parseFn }) {
      setParseFn((source, options) => parseFn(source, { ...options, maxTokens: MAX_DOCUMENT_TOKENS }))
    },
  }
}
