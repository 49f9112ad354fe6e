'use client'
import { useSyncExternalStore } from 'react'
import type { Metrics } from '../../lib/contract'
import { useSocket } from './volley'

/**
 * Selects one value from the live `metrics` event. The component re-renders only when the selected value
 * changes (compare with `Object.is`: select numbers or strings), not on every tick.
 *
 * @param select - picks the value from a metrics snapshot
 * @param initial - the server-rendered snapshot, until the first tick arrives
 */
export function useMetrics<T>(select: (metrics: Metrics) => T, initial: Metrics): T {
  const observer = useSocket().observe('metrics')
  return useSyncExternalStore(
    observer.subscribe,
    () => select(observer.getSnapshot().data ?? initial),
    () => select(initial),
  )
}
