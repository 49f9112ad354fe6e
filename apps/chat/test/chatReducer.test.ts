import { describe, expect, it } from 'vitest'
import type { Message } from '../shared/contract'
import { chatReducer, initialChatState, type ChatState } from '../src/chatReducer'

const ada = { id: 'a', name: 'Ada' }
const bob = { id: 'b', name: 'Bob' }
const message = (n: number, author = ada): Message => ({
  id: `m${n}`,
  room: 'general',
  author,
  text: `text ${n}`,
  at: n,
})
const deliver = (state: ChatState, kind: 'history' | 'missed' | 'live', ...ns: number[]) =>
  chatReducer(state, {
    type: 'messages',
    room: 'general',
    messages: ns.map((n) => message(n)),
    kind,
    me: 'b',
  })

describe('chatReducer', () => {
  it('starts a room with its history, appends live messages, and puts a divider before missed ones', () => {
    let state = deliver(initialChatState, 'history', 1, 2)
    state = deliver(state, 'live', 3)
    expect(state.catchUp).toBeUndefined()
    state = deliver(state, 'missed', 4, 5)
    expect(state.messages.general!.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5'])
    expect(state.catchUp).toEqual({ room: 'general', firstId: 'm4', count: 2 })
    // Our own messages among the missed ones are not counted as new.
    const own = chatReducer(state, {
      type: 'messages',
      room: 'general',
      messages: [message(7, bob), message(8)],
      kind: 'missed',
      me: 'b',
    })
    expect(own.catchUp).toEqual({ room: 'general', firstId: 'm8', count: 1 })
    // Coming back to the room later: its history replaces what was there.
    state = deliver(state, 'history', 4, 5, 6)
    expect(state.messages.general!.map((m) => m.id)).toEqual(['m4', 'm5', 'm6'])
    expect(state.catchUp).toBeUndefined()
  })

  it('marks a room whose history has a hole, until the room starts over', () => {
    let state = deliver(initialChatState, 'history', 1)
    state = chatReducer(state, { type: 'gap', room: 'general' })
    expect(state.lost.general).toBe('m1')
    state = deliver(state, 'history', 1)
    expect(state.lost.general).toBeUndefined()
  })

  it('keeps refused sends until they are retried', () => {
    const failed = { clientId: 'c1', room: 'general', text: 'hi', error: 'No.' }
    let state = chatReducer(initialChatState, { type: 'failed', failed })
    expect(state.failed).toEqual([failed])
    state = chatReducer(state, { type: 'dismiss', clientId: 'c1' })
    expect(state.failed).toEqual([])
  })
})
