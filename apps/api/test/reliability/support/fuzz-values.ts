import fc from 'fast-check'

// Oversized values are generated as short tokens and built just before sending, so a failing
// case prints readably.
export const TOO_LONG = '<100001 chars>'
export const TOO_MANY = '<5001 items>'

export function materialize(value: unknown): unknown {
  if (value === TOO_LONG) return 'x'.repeat(100_001)
  if (value === TOO_MANY) return Array.from({ length: 5001 }, () => ({}))
  if (Array.isArray(value)) return value.map(materialize)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v)]))
  return value
}

/**
 * Values under these keys would make the server connect to a cluster: every one is put on a
 * closed loopback port, so no fuzz case sends traffic anywhere else.
 */
export function keepOnLoopback(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keepOnLoopback)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k === 'server') return [k, typeof v === 'string' ? 'https://127.0.0.1:1' : v]
      if (k === 'kubeconfig' && typeof v === 'string' && /server/i.test(v)) return [k, 'clusters: []']
      return [k, keepOnLoopback(v)]
    }),
  )
}

/** Fast-check's own prototype-polluting keys are part of the mix (`__proto__`, `constructor`). */
export const smallObject = fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
