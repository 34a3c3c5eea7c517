'use client'

import { createContext, useContext, useState, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { createCanvasStore, type CanvasState, type CanvasStore } from './canvas-store'

const CanvasStoreContext = createContext<CanvasStore | null>(null)

/** One store per open editor, created once for the lifetime of the provider. */
export function CanvasStoreProvider({ init, children }: { init: Parameters<typeof createCanvasStore>[0]; children: ReactNode }) {
  const [store] = useState(() => createCanvasStore(init))
  return <CanvasStoreContext.Provider value={store}>{children}</CanvasStoreContext.Provider>
}

export function useCanvasStoreApi(): CanvasStore {
  const store = useContext(CanvasStoreContext)
  if (!store) throw new Error('useCanvasStore must be used inside <CanvasStoreProvider>')
  return store
}

/** Picks a slice of the editor's state; object and array slices are compared shallowly. */
export function useCanvasStore<T>(selector: (state: CanvasState) => T): T {
  return useStore(useCanvasStoreApi(), useShallow(selector))
}
