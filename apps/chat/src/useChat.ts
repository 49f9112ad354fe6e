import { useCallback, useEffect, useReducer } from 'react'
import { validate, VolleyError } from '@volley/core'
import { chat, ROOMS, type User } from '../shared/contract'
import { chatReducer, initialChatState } from './chatReducer'
import { useOutbox, useSocket, useSocketEvent, useSubscription } from './volley'

/** Why a send did not go through, in words for the person typing. */
export function describeError(error: unknown): string {
  if (VolleyError.is(error)) return error.issues?.[0]?.message ?? error.message
  return error instanceof Error ? error.message : String(error)
}

/**
 * The current room: its messages through the `room:messages` subscription (the history first, what was
 * missed after each reconnect, then live ones), presence and typing, and sending through the outbox.
 * Volley does the catch-up, the resending and the de-duplication.
 */
export function useChat(room: string | null, me: User) {
  const client = useSocket()
  const [state, dispatch] = useReducer(chatReducer, initialChatState)

  useSubscription(
    'room:messages',
    { room: room ?? ROOMS[0].id },
    {
      enabled: room !== null,
      from: 'start',
      onItems: (messages, { replayed, resumed }) => {
        const kind = !replayed ? 'live' : resumed ? 'missed' : 'history'
        if (messages[0] !== undefined)
          dispatch({ type: 'messages', room: messages[0].room, messages, kind, me: me.id })
      },
      onGap: () => room !== null && dispatch({ type: 'gap', room }),
    },
  )
  useSocketEvent('presence', ({ room, online }) => dispatch({ type: 'presence', room, online }))
  useSocketEvent(
    'typing',
    ({ room, user, typing }) => user.id !== me.id && dispatch({ type: 'typing', room, user, typing }),
  )

  // Presence is per connection: join the room on every connection, and when the room changes.
  useEffect(() => {
    if (room === null) return
    return client.onConnect(() => {
      client
        .request('room:join', { room })
        .then(({ online }) => dispatch({ type: 'presence', room, online }))
        .catch((error: unknown) => console.warn('[chat] join failed:', describeError(error)))
    })
  }, [client, room])

  // Typing indicators expire on their own when the "stopped typing" event never comes.
  useEffect(() => {
    const timer = setInterval(() => dispatch({ type: 'expire-typing', now: Date.now() }), 1_000)
    return () => clearInterval(timer)
  }, [])

  const leave = useCallback(
    (left: string) => {
      client.request('room:leave', { room: left }).catch(() => {})
    },
    [client],
  )

  /**
   * Sends a message through the outbox: it waits there while offline (shown as "Sending…") and is sent once
   * connected, with its `clientId` as the idempotency key. Resolves to the contract's refusal, if any.
   */
  const send = useCallback(
    async (text: string): Promise<string | undefined> => {
      if (room === null) return 'Join a room first.'
      const payload = { room, text, clientId: crypto.randomUUID() }
      const checked = await validate(chat.clientToServer['message:send'].payload, payload)
      if (!checked.ok) return checked.issues[0]?.message ?? 'Invalid message.'
      client
        .request('message:send', payload, { queue: true, key: payload.clientId })
        .catch((error: unknown) =>
          dispatch({ type: 'failed', failed: { ...checked.value, error: describeError(error) } }),
        )
      return undefined
    },
    [client, room],
  )

  const retry = useCallback(
    (clientId: string, text: string) => {
      dispatch({ type: 'dismiss', clientId })
      void send(text)
    },
    [send],
  )

  const setTyping = useCallback(
    (typing: boolean) => {
      if (room !== null && client.getSnapshot().status === 'connected')
        client.emit('typing', { room, typing })
    },
    [client, room],
  )

  const { items } = useOutbox()
  const sending = items.flatMap((item) =>
    item.event === 'message:send' && item.payload.room === room ? [item.payload] : [],
  )
  return { state, sending, send, retry, leave, setTyping }
}
