import type { InboxItem, Notification } from './contract'

/** Notifications kept per user. */
export const INBOX_KEEP = 200

/** One user's inbox as the page renders it: the notifications (oldest first) and how far they were read. */
export interface InboxView {
  readonly notifications: Notification[]
  /** Every notification numbered up to this one is read. */
  readonly readUpTo: number
}

/** Each user's notifications, numbered per user (`seq` 1, 2, 3…), and how far each user has read. */
export class Inbox {
  readonly #byUser = new Map<string, Notification[]>()
  readonly #readUpTo = new Map<string, number>()

  /** Adds a notification for a user and returns it with its number. */
  add(userId: string, notification: Omit<Notification, 'seq' | 'at'> & { at?: number }): Notification {
    const list = this.#byUser.get(userId) ?? []
    const added: Notification = {
      ...notification,
      at: notification.at ?? Date.now(),
      seq: (list.at(-1)?.seq ?? 0) + 1,
    }
    list.push(added)
    if (list.length > INBOX_KEEP) list.splice(0, list.length - INBOX_KEEP)
    this.#byUser.set(userId, list)
    return added
  }

  /** The user's notifications and read mark. */
  of(userId: string): InboxView {
    return { notifications: [...(this.#byUser.get(userId) ?? [])], readUpTo: this.#readUpTo.get(userId) ?? 0 }
  }

  /** Marks the user's notifications up to `upTo` as read (a mark never moves back); returns how many stay unread. */
  markRead(userId: string, upTo: number): number {
    this.#readUpTo.set(userId, Math.max(upTo, this.#readUpTo.get(userId) ?? 0))
    return unreadCount(this.of(userId))
  }
}

/** How many of an inbox's notifications are numbered after its read mark. */
export function unreadCount({ notifications, readUpTo }: InboxView): number {
  return notifications.filter((item) => item.seq > readUpTo).length
}

/** A tab's inbox: notifications newest first, and how many arrived while it was offline (until dismissed). */
export type InboxState = InboxView & { readonly missed: number }

/**
 * Applies items of the `inbox` subscription: new notifications (each once, by number) and read marks.
 * Returns the same state when nothing changed.
 *
 * @param state - the tab's inbox
 * @param items - a batch, in order
 * @param missed - whether they arrived while the tab was offline (a resumed replay)
 */
export function applyInboxItems(state: InboxState, items: readonly InboxItem[], missed: boolean): InboxState {
  const known = new Set(state.notifications.map((item) => item.seq))
  const added = items.flatMap((item) =>
    item.type === 'notification' && !known.has(item.notification.seq) ? [item.notification] : [],
  )
  const readUpTo = Math.max(state.readUpTo, ...items.map((item) => (item.type === 'read' ? item.upTo : 0)))
  if (added.length === 0 && readUpTo === state.readUpTo) return state
  return {
    notifications: [...added, ...state.notifications].sort((a, b) => b.seq - a.seq),
    readUpTo,
    missed: state.missed + (missed ? added.length : 0),
  }
}
