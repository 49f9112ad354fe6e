import type { Message } from '../shared/contract'

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
  | { type: 'failed'; failed: FailedSend }
  | { type: 'dismiss'; clientId: string }

export const initialChatState: ChatState = {
  messages: {},
  catchUp: undefined,
  lost: {},
  failed: [],
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'messages': {
      const { room, messages, kind } = action
      const news = messages.filter((message) => message.author.id !== action.me)
      return {
        ...state,
        messages: {
          ...state.messages,
          [room]: kind === 'history' ? messages : [...(state.messages[room] ?? []), ...messages],
        },
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
      return {
        ...state,
        lost: { ...state.lost, [action.room]: state.messages[action.room]?.at(-1)?.id ?? null },
      }
    case 'failed':
      return { ...state, failed: [...state.failed, action.failed] }
    case 'dismiss':
      return { ...state, failed: state.failed.filter((failed) => failed.clientId !== action.clientId) }
  }
}
