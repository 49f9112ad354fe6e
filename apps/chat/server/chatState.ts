import { randomUUID } from 'node:crypto'
import { ROOMS, type Message, type RoomSummary, type User } from '../shared/contract'

/** How many messages each room keeps. */
export const HISTORY_LIMIT = 100

/** In-memory rooms: the last messages of each room and who is in it. Lost on restart (see `epoch`). */
export class ChatState {
  /** Changes on every server start, so clients can tell their history is from a previous life. */
  readonly epoch = randomUUID()
  readonly #history = new Map<string, Message[]>(ROOMS.map((room) => [room.id, []]))
  readonly #seq = new Map<string, number>(ROOMS.map((room) => [room.id, 0]))
  /** room → socket id → user */
  readonly #members = new Map<string, Map<string, User>>(ROOMS.map((room) => [room.id, new Map()]))

  /** A message already posted with this clientId by this author: a resend after a lost ack. */
  find(room: string, authorId: string, clientId: string): Message | undefined {
    return this.#history
      .get(room)
      ?.find((message) => message.clientId === clientId && message.author.id === authorId)
  }

  add(room: string, author: User, text: string, clientId?: string): Message {
    const seq = (this.#seq.get(room) ?? 0) + 1
    this.#seq.set(room, seq)
    const message: Message = { id: randomUUID(), seq, room, author, text, at: Date.now(), clientId }
    const history = this.#history.get(room) ?? []
    history.push(message)
    if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_LIMIT)
    this.#history.set(room, history)
    return message
  }

  /** The kept messages after `since` (all kept ones without it), and whether some after `since` are gone. */
  since(room: string, since: number | undefined): { messages: Message[]; lost: boolean } {
    const history = this.#history.get(room) ?? []
    if (since === undefined) return { messages: [...history], lost: false }
    const messages = history.filter((message) => message.seq > since)
    const oldest = messages[0]?.seq ?? (this.#seq.get(room) ?? 0) + 1
    return { messages, lost: oldest > since + 1 }
  }

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
