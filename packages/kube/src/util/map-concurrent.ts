/**
 * Maps every item with at most `limit` calls in flight and returns the results in input order.
 * `fn` must not throw for an expected failure (partial failure is data); if it does throw, the
 * error becomes that item's rejection and the others still run to the end.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  const errors: { index: number; error: unknown }[] = []
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      try {
        results[index] = await fn(items[index] as T, index)
      } catch (error) {
        errors.push({ index, error })
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker)
  await Promise.all(workers)
  const first = errors.sort((a, b) => a.index - b.index)[0]
  if (first) throw first.error
  return results
}
