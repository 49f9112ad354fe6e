import type { Notification } from './contract'

/** Notifications kept per user. */
const KEEP = 200

/** Each user's notifications, numbered per user (`seq` 1, 2, 3…), with their read state. */
export class Inbox {
  readonly #byUser = new Map<string, Notification[]>()

  /** Adds a notification for a user and returns it with its number. */
  add(
    userId: string,
    notification: Omit<Notification, 'seq' | 'read' | 'at'> & { at?: number },
  ): Notification {
    const list = this.#byUser.get(userId) ?? []
    const added: Notification = {
      ...notification,
      at: notification.at ?? Date.now(),
      seq: (list.at(-1)?.seq ?? 0) + 1,
      read: false,
    }
    list.push(added)
    if (list.length > KEEP) list.splice(0, list.length - KEEP)
    this.#byUser.set(userId, list)
    return added
  }

  /** The user's notifications numbered after `after`, and how many are unread. */
  since(userId: string, after: number): { notifications: Notification[]; unread: number } {
    const list = this.#byUser.get(userId) ?? []
    return { notifications: list.filter((item) => item.seq > after), unread: this.unread(userId) }
  }

  /** Marks the user's notifications up to `upTo` as read; returns how many stay unread. */
  markRead(userId: string, upTo: number): number {
    const list = this.#byUser.get(userId) ?? []
    this.#byUser.set(
      userId,
      list.map((item) => (item.seq <= upTo && !item.read ? { ...item, read: true } : item)),
    )
    return this.unread(userId)
  }

  unread(userId: string): number {
    return (this.#byUser.get(userId) ?? []).filter((item) => !item.read).length
  }
}
