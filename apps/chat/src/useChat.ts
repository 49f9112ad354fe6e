import { useCallback, useMemo, useReducer, useState } from 'react'
import { validate, VolleyError } from '@volley/core'
import { chat, ROOMS, type User } from '../shared/contract'
import { chatReducer, initialChatState } from './chatReducer'
import { useOutbox, usePresence, useSocket, useSubscription } from './volley'

/** Why a send did not go through, in words for the person typing. */
export function describeError(error: unknown): string {
  if (VolleyError.is(error)) return error.issues?.[0]?.message ?? error.message
  return error instanceof Error ? error.message : String(error)
}

/**
 * The current room: its messages through the `room:messages` subscription (the history first, what was
 * missed after each reconnect, then live ones), who is there and who is typing through the `room` presence
 * (this tab is present with its name and whether it is typing), and sending through the outbox. Volley
 * does the catch-up, the resending, the de-duplication and the presence, across every server process.
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
  // Present in the room while it is open: a new room moves the presence, a disconnect leaves it (the
  // server removes it), and every reconnect joins again with the latest meta.
  const [typing, setTypingState] = useState(false)
  const presence = usePresence(
    'room',
    { room: room ?? ROOMS[0].id },
    { enabled: room !== null, meta: { name: me.name, typing } },
  )
  const online = useMemo<User[]>(
    () =>
      presence.members
        .map((member) => ({ id: member.key, name: member.meta.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [presence.members],
  )
  const typingUsers = useMemo<User[]>(
    () =>
      presence.others
        .filter((member) => member.connections.some((connection) => connection.meta.typing))
        .map((member) => ({ id: member.key, name: member.meta.name })),
    [presence.others],
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

  const setTyping = useCallback((next: boolean) => setTypingState(next), [])

  const { items } = useOutbox()
  const sending = items.flatMap((item) =>
    item.event === 'message:send' && item.payload.room === room ? [item.payload] : [],
  )
  return { state, online, typing: typingUsers, sending, send, retry, setTyping }
}
