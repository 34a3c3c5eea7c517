import type { DocumentNode } from 'graphql'

/**
 * Least-recently-used entries up to an estimated number of bytes. Yoga's own parse cache keeps
 * 1,000 documents for an hour whatever their size: three distinct 5 MB documents held ~200 MB.
 * An entry heavier than `maxEntryBytes` is not kept at all.
 */
export function createBoundedCache<T>(opts: { maxBytes: number; maxEntryBytes: number; weigh: (key: string, value: T) => number }) {
  const entries = new Map<string, { value: T; bytes: number }>()
  let total = 0
  return {
    get(key: string): T | undefined {
      const entry = entries.get(key)
      if (!entry) return undefined
      // Map order is insertion order: re-inserting makes this the most recently used.
      entries.delete(key)
      entries.set(key, entry)
      return entry.value
    },
    set(key: string, value: T): void {
      const bytes = opts.weigh(key, value)
      const old = entries.get(key)
      if (old) (entries.delete(key), (total -= old.bytes))
      if (bytes > opts.maxEntryBytes) return
      entries.set(key, { value, bytes })
      total += bytes
      for (const [k, e] of entries) {
        if (total <= opts.maxBytes) break
        entries.delete(k)
        total -= e.bytes
      }
    },
    /** Estimated bytes held, for tests. */
    get bytes() {
      return total
    },
    get size() {
      return entries.size
    },
  }
}

// Measured with graphql-js 16 (node --expose-gc, heap before/after parsing): a parsed document
// holds ~250–500 bytes per token (the token list and AST nodes, each with its location), plus
// its source text, which the key shares.
const BYTES_PER_TOKEN = 512

/** Estimated heap held by a parsed document and its key. */
export function documentBytes(key: string, document: DocumentNode): number {
  let tokens = 0
  for (let t = document.loc?.startToken ?? null; t; t = t.next) tokens++
  return key.length * 2 + (tokens || key.length) * BYTES_PER_TOKEN
}

/** Yoga's documentCache and errorCache, bounded: ~16 MB of documents, ~2 MB of parse errors. */
export function boundedParserCaches() {
  return {
    documentCache: createBoundedCache<DocumentNode>({ maxBytes: 16 * 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024, weigh: documentBytes }),
    errorCache: createBoundedCache<unknown>({ maxBytes: 2 * 1024 * 1024, maxEntryBytes: 256 * 1024, weigh: (key) => key.length * 2 + 1024 }),
  }
}
