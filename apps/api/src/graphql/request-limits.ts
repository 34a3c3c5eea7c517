import { Lexer, Source, TokenKind, type GraphQLError } from 'graphql'
import { createGraphQLError, type Plugin } from 'graphql-yoga'
import { MAX_JSON_DEPTH, tooDeepMessage, valueTooDeep } from '../services/bounded-json.ts'

/**
 * What one GraphQL request may make the server parse, checked before graphql-js sees it, on
 * every transport (HTTP GET/POST, SSE, graphql-ws). The web app's largest document is under
 * 1 KB and ~200 tokens, GraphiQL's introspection ~2 KB and ~190 tokens; a 5 MB document took
 * 5–10 s of the event loop to parse. The depth, alias and cost limits (yoga.ts) run after parsing.
 */
export const MAX_DOCUMENT_BYTES = 64 * 1024
/** Tokens of a document (the web app's largest ~200): parse time and AST size follow them. */
export const MAX_DOCUMENT_TOKENS = 2_000
/** Nested `{`, `[` and `(`: graphql-js parses, validates and coerces recursively. */
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
  const shape = documentShape(query)
  if (shape.tooManyTokens) return refuse(`the GraphQL document has more than ${MAX_DOCUMENT_TOKENS} tokens`, 'DOCUMENT_TOO_LARGE', 400)
  if (shape.nesting > MAX_DOCUMENT_NESTING)
    return refuse(`the GraphQL document nests deeper than ${MAX_DOCUMENT_NESTING} levels of {, [ and (`, 'DOCUMENT_TOO_DEEP', 400)
  return undefined
}

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L])
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R])

/**
 * Tokens (up to the limit) and the deepest bracket nesting, by graphql-js's own lexer, which
 * allocates a token at a time and never recurses. A lexical error stops the count: the parser
 * then refuses the document at that point, before nesting any deeper.
 */
export function documentShape(query: string): { tooManyTokens: boolean; nesting: number } {
  const lexer = new Lexer(new Source(query))
  let depth = 0
  let nesting = 0
  try {
    for (let n = 0; n <= MAX_DOCUMENT_TOKENS; n++) {
      const { kind } = lexer.advance()
      if (kind === TokenKind.EOF) return { tooManyTokens: false, nesting }
      if (OPENING.has(kind)) nesting = Math.max(nesting, ++depth)
      else if (CLOSING.has(kind)) depth--
      if (nesting > MAX_DOCUMENT_NESTING) return { tooManyTokens: false, nesting }
    }
    return { tooManyTokens: true, nesting }
  } catch {
    return { tooManyTokens: false, nesting }
  }
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
 * The limits as a yoga plugin: documents and variables are checked on the request's parameters
 * (HTTP and SSE; graphql-ws calls requestLimitError itself in app.ts).
 */
export function useRequestLimits(): Plugin {
  return {
    // GET query strings and form bodies carry `variables` and `extensions` as JSON text, which
    // yoga parses with a bare JSON.parse: bad JSON was a 500 (and its message was logged).
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return
      setRequestParser(async (request) => {
        try {
          return await requestParser(request)
        } catch (e) {
          if (e instanceof SyntaxError) throw refuse('variables and extensions must be JSON', 'BAD_REQUEST', 400)
          throw e
        }
      })
    },
    onParams({ params }) {
      const error = requestLimitError(params)
      if (error) throw error
    },
    // Already counted in onParams; set on every parse too, which graphql-ws goes through as well.
    onParse({ setParseFn, parseFn }) {
      setParseFn((source, options) => parseFn(source, { ...options, maxTokens: MAX_DOCUMENT_TOKENS }))
    },
  }
}
