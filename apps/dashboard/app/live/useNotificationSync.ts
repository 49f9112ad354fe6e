'use client'
// Offline catch-up, as plain state sync. On every connect and reconnect, the tab asks the server for the
// signed-in user's notifications after the last one it has (`notifications:sync`, a request with an ack):
// a request for current state, not a replay protocol. This is the one module to replace with a resumable
// subscription of @volley/core once it has them (resumable subscriptions and the reconnect lifecycle).
import { useEffect, useRef } from 'react'
import type { Notification } from '../../lib/contract'
import { useConnectionStatus, useSocket } from './volley'

/** What a sync brings: the notifications after the last one the tab had, and the unread count. */
export interface NotificationSync {
  readonly notifications: Notification[]
  readonly unread: number
  /** `true` after a reconnect (what arrived is what the tab missed), `false` on the first connect. */
  readonly reconnect: boolean
}

/**
 * Keeps a tab's notifications in step with the server across disconnections.
 *
 * @param lastSeq - the highest notification number the tab has
 * @param onSync - receives what the server has after it
 */
export function useNotificationSync(lastSeq: () => number, onSync: (sync: NotificationSync) => void): void {
  const client = useSocket()
  const { status } = useConnectionStatus()
  const connectedBefore = useRef(false)
  const latest = useRef({ lastSeq, onSync })
  useEffect(() => {
    latest.current = { lastSeq, onSync }
  })
  useEffect(() => {
    if (status !== 'connected') return
    const reconnect = connectedBefore.current
    connectedBefore.current = true
    let current = true
    client.request('notifications:sync', { after: latest.current.lastSeq() }).then(
      ({ notifications, unread }) => current && latest.current.onSync({ notifications, unread, reconnect }),
      () => {}, // disconnected again: the next connect asks again
    )
    return () => {
      current = false
    }
  }, [client, status])
}
