'use client'
import { useEffect } from 'react'

declare global {
  interface Window {
    /**
     * How many times each live component has rendered (committed). Counted only when the page defines it
     * before the app loads, as the end-to-end tests do; a deployed page exposes nothing.
     */
    __renders?: Record<string, number>
  }
}

/** Counts the committed renders of a component under `name` in `window.__renders`, when a test asks for it. */
export function useRenderCount(name: string): void {
  useEffect(() => {
    const renders = window.__renders
    if (renders !== undefined) renders[name] = (renders[name] ?? 0) + 1
  })
}
