import { describe, expect, it } from 'vitest'
import type { Message } from '../shared/contract'
import { chatReducer, initialChatState, lastSeq, type ChatState } from '../src/chatReducer'

const ada = { id: 'a', name: 'Ada' }
const bob = { id: 'b', name: 'Bob' }
const message = (seq: number, author = ada, clientId?: string): Message => ({
  id: `m${seq}`,
  seq,
  room: 'general',
  author,
  text: `text ${seq}`,
  at: seq,
  clientId,
})
const joined = (state: ChatState, messages: Message[], since?: number, epoch = 'e1', lost = false) =>
  chatReducer(state, { type: 'joined', room: 'general', epoch, messages, online: [ada, bob], lost, since })

describe('chatReducer', () => {
  it('loads history on join, then catches up after a reconnect with a divider at the first missed message', () => {
    let state = joined(initialChatState, [message(1), message(2)])
    expect(state.catchUp).toBeUndefined()
    expect(lastSeq(state, 'general')).toBe(2)
    state = joined(state, [message(3, bob), message(4, bob)], 2)
    expect(state.messages.general!.map((m) => m.seq)).toEqual([1, 2, 3, 4])
    expect(state.catchUp).toEqual({ room: 'general', firstId: 'm3', count: 2, lost: false })
  })

  it('turns our pending message into the server one (by clientId) and does not count it as missed', () => {
    let state = joined(initialChatState, [message(1)])
    state = chatReducer(state, {
      type: 'sending',
      message: { ...message(99, bob, 'c1'), id: 'c1', seq: Number.MAX_SAFE_INTEGER, status: 'sending' },
    })
    expect(state.messages.general!.at(-1)!.status).toBe('sending')
    state = joined(state, [message(2, bob, 'c1')], 1)
    expect(state.messages.general!.map((m) => [m.id, m.status])).toEqual([
      ['m1', 'sent'],
      ['m2', 'sent'],
    ])
    expect(state.catchUp?.count).toBe(0)
  })

  it('drops duplicates, keeps server order, and forgets history from a previous server life', () => {
    let state = joined(initialChatState, [message(2), message(1)])
    state = chatReducer(state, { type: 'message', message: message(2) })
    expect(state.messages.general!.map((m) => m.seq)).toEqual([1, 2])
    state = joined(state, [message(1, bob)], 2, 'e2', true)
    expect(state.messages.general!.map((m) => m.author.name)).toEqual(['Bob'])
    expect(state.catchUp?.lost).toBe(true)
  })

  it('shows typing until the message or the stop arrives, and clears it on rejoin', () => {
    let state = chatReducer(initialChatState, { type: 'typing', room: 'general', user: bob, typing: true })
    expect(Object.keys(state.typing.general!)).toEqual(['b'])
    state = chatReducer(state, { type: 'message', message: message(1, bob) })
    expect(state.typing.general).toEqual({})
    state = chatReducer(state, { type: 'typing', room: 'general', user: bob, typing: true })
    expect(joined(state, [], 1).typing.general).toEqual({})
    expect(chatReducer(state, { type: 'expire-typing', now: Date.now() + 10_000 }).typing.general).toEqual({})
  })
})
