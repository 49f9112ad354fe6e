'use client'
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { Notification } from '../../lib/contract'
import { toast } from './toasts'
import { useResync } from './useResync'
import { useRenderCount } from './useRenderCount'
import { useSocket, useSocketEvent } from './volley'

/** The signed-in user's notifications, as the bell and the catch-up notice show them. */
export interface InboxState {
  /** Newest first. */
  readonly notifications: Notification[]
  readonly unread: number
  /** How many arrived while the tab was offline, until dismissed. */
  readonly missed: number
}

interface InboxValue extends InboxState {
  markAllRead(): Promise<void>
  dismissMissed(): void
}

const InboxContext = createContext<InboxValue | null>(null)

function merge(current: Notification[], added: Notification[]): Notification[] {
  const bySeq = new Map(current.map((item) => [item.seq, item]))
  for (const item of added) bySeq.set(item.seq, item)
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq)
}

/** Holds the inbox: live notifications (with a toast), read state across tabs, and the offline catch-up. */
export function InboxProvider({
  initial,
  children,
}: {
  initial: Omit<InboxState, 'missed'>
  children: ReactNode
}) {
  const client = useSocket()
  const [state, setState] = useState<InboxState>({ ...initial, missed: 0 })
  useRenderCount('inbox')

  useSocketEvent('notification', (notification) => {
    setState((current) => ({
      ...current,
      notifications: merge(current.notifications, [notification]),
      unread: current.unread + (current.notifications.some((item) => item.seq === notification.seq) ? 0 : 1),
    }))
    toast({
      title: notification.title,
      body: notification.body,
      tone: notification.kind === 'alert' ? 'critical' : 'info',
    })
  })
  useSocketEvent('notifications:read', ({ upTo, unread }) =>
    setState((current) => ({
      ...current,
      unread,
      notifications: current.notifications.map((item) => (item.seq <= upTo ? { ...item, read: true } : item)),
    })),
  )
  // Catch-up: what arrived while the tab was offline (or between the server render and the first connect).
  const latestSeq = state.notifications[0]?.seq ?? 0
  useResync(async (reconnect) => {
    const { notifications, unread } = await client.request('notifications:sync', { after: latestSeq })
    setState((current) => {
      const fresh = notifications.filter(
        (item) => !current.notifications.some((known) => known.seq === item.seq),
      )
      return {
        notifications: merge(current.notifications, notifications),
        unread,
        missed: reconnect ? current.missed + fresh.length : current.missed,
      }
    })
  })

  const markAllRead = useCallback(async () => {
    const upTo = state.notifications[0]?.seq ?? 0
    const { unread } = await client.request('notifications:read', { upTo })
    setState((current) => ({
      ...current,
      unread,
      notifications: current.notifications.map((item) => (item.seq <= upTo ? { ...item, read: true } : item)),
    }))
  }, [client, state.notifications])
  const dismissMissed = useCallback(() => setState((current) => ({ ...current, missed: 0 })), [])
  const value = useMemo(() => ({ ...state, markAllRead, dismissMissed }), [state, markAllRead, dismissMissed])
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>
}

/** The inbox of the nearest `InboxProvider`. */
export function useInbox(): InboxValue {
  const inbox = useContext(InboxContext)
  if (inbox === null) throw new Error('useInbox() needs an <InboxProvider> above it.')
  return inbox
}
