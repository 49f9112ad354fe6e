'use client'
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { Notification, User } from '../../lib/contract'
import { applyInboxItems, unreadCount, type InboxState, type InboxView } from '../../lib/inbox'
import { toast } from './toasts'
import { useRenderCount } from './useRenderCount'
import { useSocket, useSubscription } from './volley'

interface InboxValue extends InboxState {
  readonly unread: number
  markAllRead(): Promise<void>
  dismissMissed(): void
}

const InboxContext = createContext<InboxValue | null>(null)

/**
 * Holds the inbox, fed by the user's `inbox` subscription: the history after the page was rendered, what
 * was missed while offline (counted, no toasts), then live notifications (with a toast) and read marks
 * from every tab of the user. Volley resumes the stream after each reconnect, exactly once and in order.
 */
export function InboxProvider({
  initial,
  me,
  children,
}: {
  /** As the server rendered it: notifications newest first. */
  initial: InboxView
  me: User
  children: ReactNode
}) {
  const client = useSocket()
  const [state, setState] = useState<InboxState>({ ...initial, missed: 0 })
  useRenderCount('inbox')

  useSubscription(
    'inbox',
    { user: me.id },
    {
      from: 'start',
      onItems: (items, { replayed, resumed }) => {
        setState((current) => applyInboxItems(current, items, resumed))
        if (replayed) return
        for (const item of items) if (item.type === 'notification') show(item.notification)
      },
      // The server restarted (its inbox numbering starts over): what follows is a new history.
      onGap: ({ reason }) => reason === 'reset' && setState({ notifications: [], readUpTo: 0, missed: 0 }),
    },
  )

  const latestSeq = state.notifications[0]?.seq ?? 0
  const markAllRead = useCallback(async () => {
    await client.request('notifications:read', { upTo: latestSeq })
    setState((current) => applyInboxItems(current, [{ type: 'read', upTo: latestSeq }], false))
  }, [client, latestSeq])
  const dismissMissed = useCallback(() => setState((current) => ({ ...current, missed: 0 })), [])
  const value = useMemo(
    () => ({ ...state, unread: unreadCount(state), markAllRead, dismissMissed }),
    [state, markAllRead, dismissMissed],
  )
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>
}

function show(notification: Notification): void {
  toast({
    title: notification.title,
    body: notification.body,
    tone: notification.kind === 'alert' ? 'critical' : 'info',
  })
}

/** The inbox of the nearest `InboxProvider`. */
export function useInbox(): InboxValue {
  const inbox = useContext(InboxContext)
  if (inbox === null) throw new Error('useInbox() needs an <InboxProvider> above it.')
  return inbox
}
