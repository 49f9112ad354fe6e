import type { Message, User } from '../shared/contract'

/** What arrived while we were away, shown as a divider in the list. */
export interface CatchUp {
  room: string
  /** The first missed message, where the divider goes. */
  firstId: string
  count: number
}

/** A message the server did not take (and why), shown with a Retry button. */
export interface FailedSend {
  clientId: string
  room: string
  text: string
  error: string
}

export interface ChatState {
  /** room → its messages, in the order the server published them */
  messages: Record<string, Message[]>
  online: Record<string, User[]>
  /** room → user id → typing user and when the indicator expires */
  typing: Record<string, Record<string, { user: User; until: number }>>
  catchUp: CatchUp | undefined
  /**
   * Rooms whose history has a hole the server told us about (history limit, or a server restart): the
   * id of the last message before it (`null` when there was none), `undefined` when there is no hole.
   */
  lost: Record<string, string | null | undefined>
  failed: FailedSend[]
}

export type ChatAction =
  | {
      type: 'messages'
      room: string
      messages: Message[]
      /** `history`: what a room starts with; `missed`: what came while we were away; `live`: the rest. */
      kind: 'history' | 'missed' | 'live'
      /** Our user id: our own messages are not news to us. */
      me: string
    }
  | { type: 'gap'; room: string }
  | { type: 'presence'; room: string; online: User[] }
  | { type: 'typing'; room: string; user: User; typing: boolean }
  | { type: 'expire-typing'; now: number }
  | { type: 'failed'; failed: FailedSend }
  | { type: 'dismiss'; clientId: string }

export const initialChatState: ChatState = {
  messages: {},
  online: {},
  typing: {},
  catchUp: undefined,
  lost: {},
  failed: [],
}

function withoutTyping(state: ChatState, room: string, userId: string): ChatState['typing'] {
  const { [userId]: _gone, ...rest } = state.typing[room] ?? {}
  return { ...state.typing, [room]: rest }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'messages': {
      const { room, messages, kind } = action
      const news = messages.filter((message) => message.author.id !== action.me)
      let typing = state.typing
      for (const message of messages) typing = withoutTyping({ ...state, typing }, room, message.author.id)
      return {
        ...state,
        messages: {
          ...state.messages,
          [room]: kind === 'history' ? messages : [...(state.messages[room] ?? []), ...messages],
        },
        typing,
        catchUp:
          kind === 'missed' && news[0] !== undefined
            ? { room, firstId: news[0].id, count: news.length }
            : kind === 'history'
              ? undefined
              : state.catchUp,
        lost: kind === 'history' ? { ...state.lost, [room]: undefined } : state.lost,
      }
    }
    case 'gap':
      // Reconnect catch-up starts now: typing indicators from before may never get their "stopped".
      return {
        ...state,
        lost: { ...state.lost, [action.room]: state.messages[action.room]?.at(-1)?.id ?? null },
        typing: { ...state.typing, [action.room]: {} },
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
    case 'failed':
      return { ...state, failed: [...state.failed, action.failed] }
    case 'dismiss':
      return { ...state, failed: state.failed.filter((failed) => failed.clientId !== action.clientId) }
  }
}
