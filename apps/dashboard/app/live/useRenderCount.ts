'use client'
import { useEffect } from 'react'

declare global {
  interface Window {
    /** How many times each live component has rendered (committed); the end-to-end tests read it. */
    __renders?: Record<string, number>
  }
}

/** Counts the committed renders of a component under `name` in `window.__renders`. */
export function useRenderCount(name: string): void {
  useEffect(() => {
    const renders = (window.__renders ??= {})
    renders[name] = (renders[name] ?? 0) + 1
  })
}
