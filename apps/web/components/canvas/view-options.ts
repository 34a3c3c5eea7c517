/** The minimap's size (React Flow's default is 200×150): small enough to leave the cards room. */
export const MINIMAP = { width: 160, height: 110, margin: 15 }
/**
 * Every "fit" (on open, Fit view, Auto-layout, the canvas resized) keeps the cards clear of the
 * minimap's corner: the right side is padded by its width, so no card ends up under it.
 */
export const FIT_VIEW_OPTIONS = {
  padding: { top: '12%', left: '12%', bottom: '12%', right: `${MINIMAP.width + MINIMAP.margin + 24}px` },
  maxZoom: 1.2,
} as const
