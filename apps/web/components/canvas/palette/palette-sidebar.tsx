'use client'

import { Fragment, memo, type DragEvent } from 'react'
import type { NodeKind } from '@kubeorch/domain'
import { CATEGORY_COLOR, CATEGORY_LABEL } from '../nodes/kind-style'
import { KIND_DRAG_TYPE, labelParts, PALETTE_ITEMS, type PaletteItem } from './palette-items'

const GROUPS = Object.keys(CATEGORY_LABEL) as (keyof typeof CATEGORY_LABEL)[]

function onDragStart(e: DragEvent<HTMLElement>, kind: NodeKind) {
  e.dataTransfer.setData(KIND_DRAG_TYPE, kind)
  e.dataTransfer.effectAllowed = 'move'
}

/** Drag a kind onto the canvas, or press Enter on it to add it at the centre of the view. */
export const PaletteSidebar = memo(function PaletteSidebar({ disabled, onAdd }: { disabled: boolean; onAdd(kind: NodeKind): void }) {
  return (
    <aside className="palette" aria-label="Node palette">
      <h2 className="panel-title">Add resources</h2>
      <p className="muted palette-tip">Drag onto the canvas, or press Ctrl/⌘ K.</p>
      {GROUPS.map((category) => {
        const items = PALETTE_ITEMS.filter((i) => i.category === category)
        if (!items.length) return null
        return (
          <section key={category} aria-label={CATEGORY_LABEL[category]}>
            <h3 className="palette-group">{CATEGORY_LABEL[category]}</h3>
            <ul className="palette-list">
              {items.map((item) => (
                <PaletteEntry key={item.kind} item={item} disabled={disabled} onAdd={onAdd} />
              ))}
            </ul>
          </section>
        )
      })}
    </aside>
  )
})

function PaletteEntry({ item, disabled, onAdd }: { item: PaletteItem; disabled: boolean; onAdd(kind: NodeKind): void }) {
  return (
    <li>
      <button
        type="button"
        className="palette-item"
        draggable={!disabled}
        disabled={disabled}
        onDragStart={(e) => onDragStart(e, item.kind)}
        onClick={() => onAdd(item.kind)}
        title={item.description}
        aria-label={`Add ${item.label}`}
        data-kind={item.kind}
        style={{ '--kind-color': CATEGORY_COLOR[item.category] } as React.CSSProperties}
      >
        <span className="palette-swatch" aria-hidden />
        <span className="palette-label">
          {labelParts(item.label).map((part, i) => (
            <Fragment key={i}>
              {i > 0 && <wbr />}
              {part}
            </Fragment>
          ))}
        </span>
      </button>
    </li>
  )
}
