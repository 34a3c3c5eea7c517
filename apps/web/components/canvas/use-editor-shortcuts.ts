'use client'

import { useEffect } from 'react'
import type { CanvasStore } from './store/canvas-store'

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * Editor keys: Ctrl/⌘ K add a resource, Ctrl/⌘ Z undo, Ctrl/⌘ Shift Z (or Ctrl Y) redo,
 * Delete/Backspace remove the selection, Ctrl/⌘ S save now. Inside text fields, undo and
 * delete keep their usual meaning.
 */
export function useEditorShortcuts(store: CanvasStore, actions: { openPalette(): void; save(): void }) {
  const { openPalette, save } = actions
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey
      const key = e.key.toLowerCase()
      if (mod && key === 'k') {
        e.preventDefault()
        openPalette()
        return
      }
      if (mod && key === 's') {
        e.preventDefault()
        save()
        return
      }
      if (isTextEntry(e.target) || document.querySelector('dialog[open]')) return
      const s = store.getState()
      if (mod && key === 'z') {
        e.preventDefault()
        if (e.shiftKey) s.redo()
        else s.undo()
      } else if (mod && key === 'y') {
        e.preventDefault()
        s.redo()
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) {
        e.preventDefault()
        s.deleteSelected()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store, openPalette, save])
}
