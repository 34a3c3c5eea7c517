'use client'

import type { NodeKind } from '@kubeorch/domain'
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { CATEGORY_COLOR, CATEGORY_LABEL } from '../nodes/kind-style'
import { bestScore } from './fuzzy-match'
import { PALETTE_ITEMS } from './palette-items'

/** Ctrl/⌘ K: type to find a kind, Enter drops it at the centre of the view. */
export function CommandPalette({ onPick, onClose }: { onPick(kind: NodeKind): void; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const results = useMemo(() => {
    if (!query.trim()) return PALETTE_ITEMS
    return PALETTE_ITEMS.map((item) => ({ item, score: bestScore(query, item.search) }))
      .filter((r) => r.score >= 0)
      .sort((a, b) => b.score - a.score)
      .map((r) => r.item)
  }, [query])

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    const onCancel = (e: Event) => {
      e.preventDefault()
      onClose()
    }
    dialog?.addEventListener('cancel', onCancel)
    return () => {
      dialog?.removeEventListener('cancel', onCancel)
      if (dialog?.open) dialog.close()
    }
  }, [onClose])

  const pick = (index: number) => {
    const item = results[index]
    if (item) onPick(item.kind)
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setActive((a) => Math.min(a + 1, results.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      pick(active)
    }
  }

  return (
    <dialog ref={ref} className="modal command-palette" aria-label="Add a resource">
      <input
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={results[active] ? `${listId}-${results[active]!.kind}` : undefined}
        aria-label="Search resource kinds"
        placeholder="Add a resource… (e.g. deploy, svc, pvc)"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Resource kinds">
        {results.map((item, i) => (
          <li
            key={item.kind}
            id={`${listId}-${item.kind}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            // Only a moving mouse chooses: the list opening under a resting pointer must not
            // move the choice away from the best match (Enter picks the first row).
            onMouseMove={() => active !== i && setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(i)}
          >
            <span className="palette-swatch" style={{ background: CATEGORY_COLOR[item.category] }} aria-hidden />
            <span className="cp-label">{item.label}</span>
            <span className="cp-desc">{item.description}</span>
            <span className="cp-cat">{CATEGORY_LABEL[item.category]}</span>
          </li>
        ))}
        {results.length === 0 && <li className="muted cp-empty">No kind matches “{query}”.</li>}
      </ul>
    </dialog>
  )
}
