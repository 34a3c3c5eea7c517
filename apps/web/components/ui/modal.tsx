'use client'

import { useEffect, useId, useRef, type ReactNode } from 'react'

/**
 * A native modal <dialog>: the browser traps focus, closes on Escape and restores focus on close.
 * Render it only while open.
 */
export function Modal(props: { title: string; onClose(): void; children: ReactNode; actions?: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const { onClose } = props
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    const onCancel = (e: Event) => {
      e.preventDefault()
      onClose()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      if (dialog.open) dialog.close()
    }
  }, [onClose])
  return (
    <dialog ref={ref} className="modal" aria-labelledby={titleId} style={props.wide ? { width: 'min(1100px, 96vw)' } : undefined}>
      <div className="modal-body">
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
      {props.actions && <div className="modal-actions">{props.actions}</div>}
    </dialog>
  )
}
