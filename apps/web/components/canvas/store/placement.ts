import type { XYPosition } from '@xyflow/react'
import type { CanvasNode } from './design'

/** A card's size before it is measured (kind-node.tsx draws cards 220 px wide). */
const CARD = { width: 220, height: 110 }
const GAP = 16

/**
 * The nearest spot at or below `wanted` where a new card covers no existing one: a drop or an add
 * on top of a card would hide it (and its edges) until someone drags the new one away.
 */
export function freeSpot(wanted: XYPosition, nodes: readonly CanvasNode[]): XYPosition {
  const boxes = nodes.map((n) => ({ x: n.position.x, y: n.position.y, w: n.measured?.width ?? CARD.width, h: n.measured?.height ?? CARD.height }))
  const overlaps = (p: XYPosition) => boxes.find((b) => p.x < b.x + b.w + GAP && b.x < p.x + CARD.width + GAP && p.y < b.y + b.h + GAP && b.y < p.y + CARD.height + GAP)
  let position = { x: Math.round(wanted.x), y: Math.round(wanted.y) }
  for (let i = 0; i < 200; i++) {
    const hit = overlaps(position)
    if (!hit) return position
    // Below the card in the way; every few rows, a column to the right, so a crowded spot spreads out.
    position = i % 4 === 3 ? { x: hit.x + hit.w + GAP, y: Math.round(wanted.y) } : { x: position.x, y: hit.y + hit.h + GAP }
  }
  return position
}
