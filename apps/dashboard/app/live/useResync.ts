'use client'
// Offline catch-up, as plain state sync: on every connect and reconnect, each live part of the page asks
// the server for its current state (the notifications after the last one the tab has, the recent alerts):
// requests with an ack, not a replay protocol. This is the one module to replace once @volley/core has
// resumable subscriptions and a reconnect lifecycle.
import { useEffect, useRef } from 'react'
import { useConnectionStatus } from './volley'

/**
 * Runs `resync` each time the connection is up: once after the first connect (`reconnect` is `false`),
 * then after every reconnect (`true`), so that what happened while the tab was offline shows.
 *
 * @param resync - asks the server for current state; a failure waits for the next connect
 */
export function useResync(resync: (reconnect: boolean) => Promise<unknown>): void {
  const { status } = useConnectionStatus()
  const connectedBefore = useRef(false)
  const latest = useRef(resync)
  useEffect(() => {
    latest.current = resync
  })
  useEffect(() => {
    if (status !== 'connected') return
    const reconnect = connectedBefore.current
    connectedBefore.current = true
    // Disconnected again: the next connect asks again.
    latest
      .current(reconnect)
      .catch((error: unknown) => console.warn('[launch-control] resync failed:', error))
  }, [status])
}
