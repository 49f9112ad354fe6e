'use client'
import { useSyncExternalStore } from 'react'

/** One toast on screen. */
export interface Toast {
  readonly id: number
  readonly title: string
  readonly body?: string
  readonly tone: 'info' | 'success' | 'critical'
}

let toasts: readonly Toast[] = []
let next = 1
const listeners = new Set<() => void>()
const notify = (): void => listeners.forEach((listener) => listener())

/** Shows a toast for six seconds. */
export function toast(input: Omit<Toast, 'id'>): void {
  const id = next++
  toasts = [...toasts.slice(-3), { ...input, id }]
  notify()
  setTimeout(() => dismiss(id), 6_000)
}

function dismiss(id: number): void {
  toasts = toasts.filter((item) => item.id !== id)
  notify()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** The toasts, bottom right. */
export function Toaster() {
  const items = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => toasts,
  )
  return (
    <div className="toaster" aria-live="polite">
      {items.map((item) => (
        <div key={item.id} className={`toast toast-${item.tone}`} role="status" data-testid="toast">
          <div className="toast-text">
            <strong>{item.title}</strong>
            {item.body && <span>{item.body}</span>}
          </div>
          <button className="toast-close" aria-label="Dismiss" onClick={() => dismiss(item.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
