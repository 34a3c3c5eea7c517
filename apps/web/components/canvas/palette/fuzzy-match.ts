/**
 * Scores how well `query` matches `text` as a subsequence: consecutive letters and letters at
 * word starts score higher. Returns -1 when some letter of the query is missing.
 */
export function fuzzyScore(query: string, text: string): number {
  const q = query.toLowerCase().replace(/\s+/g, '')
  const t = text.toLowerCase()
  if (!q) return 0
  let score = 0
  let ti = 0
  let run = 0
  for (const ch of q) {
    const found = t.indexOf(ch, ti)
    if (found < 0) return -1
    run = found === ti ? run + 1 : 1
    const wordStart = found === 0 || /[\s\-_/.]/.test(t[found - 1] ?? '')
    score += run * 2 + (wordStart ? 3 : 0) - Math.min(found - ti, 5) * 0.2
    ti = found + 1
  }
  if (t.startsWith(q)) score += 10
  return score
}

/** The best score over several texts of one item (its label, kind, aliases, description). */
export function bestScore(query: string, texts: readonly string[]): number {
  let best = -1
  texts.forEach((text, i) => {
    const s = fuzzyScore(query, text)
    // Later texts (descriptions) count for less than names.
    if (s >= 0) best = Math.max(best, s - i * 0.5)
  })
  return best
}
