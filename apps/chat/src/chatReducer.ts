import type { Message, User } from '../shared/contract'

/** A message as the client shows it: server messages are `sent`; our own start as `sending`. */
export type ChatMessage = Message & { status: 'sending' | 'sent' | 'failed'; error?: string }

/** What arrived while we were away, shown as a divider in the list. */
export interface CatchUp {
  room: string
  /** The first missed message, where the divider goes (none when nothing was missed). */
  firstId: string | undefined
  count: number
  /** Some missed messages are gone (history limit, or a server restart). */
  lost: boolean
}

export interface ChatState {
  epoch: string | undefined
  messages: Record<string, ChatMessage[]>
  online: Record<string, User[]>
  /** room → user id → typing user and when the indicator expires */
  typing: Record<string, Record<string, { user: User; until: number }>>
  catchUp: CatchUp | undefined
}

export type ChatAction =
  | {
      type: 'joined'
      room: string
      epoch: string
      messages: Message[]
      online: User[]
      lost: boolean
      since: number | undefined
    }
  | { type: 'message'; message: Message }
  | { type: 'presence'; room: string; online: User[] }
  | { type: 'typing'; room: string; user: User; typing: boolean }
  | { type: 'expire-typing'; now: number }
  | { type: 'sending'; message: ChatMessage }
  | { type: 'sent'; clientId: string; message: Message }
  | { type: 'failed'; clientId: string; error: string }
  | { type: 'discard'; clientId: string }

export const initialChatState: ChatState = {
  epoch: undefined,
  messages: {},
  online: {},
  typing: {},
  catchUp: undefined,
}

/** The highest server sequence number we have seen in a room: what we ask to catch up from. */
export function lastSeq(state: ChatState, room: string): number | undefined {
  const sent = (state.messages[room] ?? []).filter((message) => message.status === 'sent')
  return sent.length === 0 ? undefined : Math.max(...sent.map((message) => message.seq))
}

/** Adds server messages to a room's list: replaces our pending copy (same clientId), skips duplicates, keeps order. */
function merge(list: ChatMessage[], incoming: Message[]): ChatMessage[] {
  let next = list
  for (const message of incoming) {
    if (next.some((existing) => existing.id === message.id)) continue
    const sent: ChatMessage = { ...message, status: 'sent' }
    const pending =
      message.clientId === undefined
        ? -1
        : next.findIndex((m) => m.status !== 'sent' && m.clientId === message.clientId)
    next = pending === -1 ? [...next, sent] : next.map((m, index) => (index === pending ? sent : m))
  }
  // Server messages in server order; our unconfirmed ones stay at the end.
  return [
    ...next.filter((m) => m.status === 'sent').sort((a, b) => a.seq - b.seq),
    ...next.filter((m) => m.status !== 'sent'),
  ]
}

function withoutTyping(state: ChatState, room: string, userId: string): ChatState['typing'] {
  const { [userId]: _gone, ...rest } = state.typing[room] ?? {}
  return { ...state.typing, [room]: rest }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'joined': {
      const restarted = state.epoch !== undefined && state.epoch !== action.epoch
      const before = restarted
        ? (state.messages[action.room] ?? []).filter((m) => m.status !== 'sent')
        : (state.messages[action.room] ?? [])
      const known = new Set(before.map((m) => m.id))
      const ours = new Set(before.filter((m) => m.status !== 'sent').map((m) => m.clientId))
      const fresh = action.messages.filter(
        (m) => !known.has(m.id) && !(m.clientId !== undefined && ours.has(m.clientId)),
      )
      const catchUp =
        action.since === undefined
          ? undefined
          : { room: action.room, firstId: fresh[0]?.id, count: fresh.length, lost: action.lost }
      return {
        ...state,
        epoch: action.epoch,
        messages: { ...state.messages, [action.room]: merge(before, action.messages) },
        online: { ...state.online, [action.room]: action.online },
        // Typing indicators from before a reconnect may never get their "stopped"; start clean.
        typing: { ...state.typing, [action.room]: {} },
        catchUp,
      }
    }
    case 'message': {
      const room = action.message.room
      return {
        ...state,
        messages: { ...state.messages, [room]: merge(state.messages[room] ?? [], [action.message]) },
        typing: withoutTyping(state, room, action.message.author.id),
      }
    }
    case 'presence':
      return { ...state, online: { ...state.online, [action.room]: action.online } }
    case 'typing':
      return action.typing
        ? {
            ...state,
            typing: {
              ...state.typing,
              [action.room]: {
                ...state.typing[action.room],
                [action.user.id]: { user: action.user, until: Date.now() + 6_000 },
              },
            },
          }
        : { ...state, typing: withoutTyping(state, action.room, action.user.id) }
    case 'expire-typing': {
      const typing: ChatState['typing'] = {}
      for (const [room, users] of Object.entries(state.typing)) {
        typing[room] = Object.fromEntries(
          Object.entries(users).filter(([, entry]) => entry.until > action.now),
        )
      }
      return { ...state, typing }
    }
    case 'sending': {
      const room = action.message.room
      return {
        ...state,
        messages: { ...state.messages, [room]: [...(state.messages[room] ?? []), action.message] },
      }
    }
    case 'sent':
      return {
        ...state,
        messages: {
          ...state.messages,
          [action.message.room]: merge(state.messages[action.message.room] ?? [], [
            { ...action.message, clientId: action.clientId },
          ]),
        },
      }
    case 'failed':
    case 'discard': {
      const messages: ChatState['messages'] = {}
      for (const [room, list] of Object.entries(state.messages)) {
        messages[room] =
          action.type === 'discard'
            ? list.filter((m) => m.status === 'sent' || m.clientId !== action.clientId)
            : list.map((m) =>
                m.status === 'sending' && m.clientId === action.clientId
                  ? { ...m, status: 'failed', error: action.error }
                  : m,
              )
      }
      return { ...state, messages }
    }
  }
}
