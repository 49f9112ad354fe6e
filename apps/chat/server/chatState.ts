import { ROOMS, type RoomSummary, type User } from '../shared/contract'

/** How many messages each room keeps for people who join or come back (the subscription's retention). */
export const HISTORY_LIMIT = 100

/** Who is in which room (presence), in memory. Messages live in Volley's subscription store. */
export class ChatState {
  /** room → socket id → user */
  readonly #members = new Map<string, Map<string, User>>(ROOMS.map((room) => [room.id, new Map()]))

  join(room: string, socketId: string, user: User): void {
    this.#members.get(room)?.set(socketId, user)
  }

  /** Removes a socket from a room; returns whether it was there. */
  leave(room: string, socketId: string): boolean {
    return this.#members.get(room)?.delete(socketId) ?? false
  }

  /** The rooms a socket is in. */
  roomsOf(socketId: string): string[] {
    return [...this.#members].filter(([, members]) => members.has(socketId)).map(([room]) => room)
  }

  /** The distinct users in a room, by name. */
  online(room: string): User[] {
    const users = new Map<string, User>()
    for (const user of this.#members.get(room)?.values() ?? []) users.set(user.id, user)
    return [...users.values()].sort((a, b) => a.name.localeCompare(b.name))
  }

  rooms(): RoomSummary[] {
    return ROOMS.map((room) => ({ ...room, online: this.online(room.id).length }))
  }
}
