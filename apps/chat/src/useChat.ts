import { useCallback, useEffect, useReducer, useRef } from 'react'
import { validate, VolleyError } from '@volley/core'
import { chat, type User } from '../shared/contract'
import { chatReducer, initialChatState, lastSeq, type ChatState } from './chatReducer'
import { useConnectionStatus, useSocket, useSocketEvent } from './volley'

/** Why a send did not go through, in words for the person typing. */
export function describeError(error: unknown): string {
  if (VolleyError.is(error)) return error.issues?.[0]?.message ?? error.message
  return error instanceof Error ? error.message : String(error)
}

/**
 * The chat state of the current room: joins it when connected, and after every reconnect rejoins it asking
 * for what came after the last message seen (`since`), so missed messages show up with a divider.
 */
export function useChat(room: string | null, me: User) {
  const client = useSocket()
  const { id: connectionId } = useConnectionStatus()
  const [state, dispatch] = useReducer(chatReducer, initialChatState)
  const stateRef = useRef<ChatState>(state)
  stateRef.current = state
  /** Messages not yet acknowledged by the server, by clientId. */
  const outbox = useRef(new Map<string, { room: string; text: string }>())
  const deliverRef = useRef<((clientId: string) => Promise<string | undefined>) | undefined>(undefined)

  useSocketEvent('message:new', (message) => dispatch({ type: 'message', message }))
  useSocketEvent('presence', ({ room, online }) => dispatch({ type: 'presence', room, online }))
  useSocketEvent(
    'typing',
    ({ room, user, typing }) => user.id !== me.id && dispatch({ type: 'typing', room, user, typing }),
  )

  // Join on connect, on every reconnect (a new connection id), and when the room changes.
  useEffect(() => {
    if (room === null || connectionId === undefined) return
    let current = true
    const since = lastSeq(stateRef.current, room)
    client
      .request('room:join', { room, since, epoch: stateRef.current.epoch })
      .then((ack) => {
        if (!current) return
        dispatch({ type: 'joined', room, since, ...ack })
        for (const [clientId, queued] of outbox.current)
          if (queued.room === room) void deliverRef.current?.(clientId)
      })
      .catch((error: unknown) => console.warn('[chat] join failed:', describeError(error)))
    return () => {
      current = false
    }
  }, [client, room, connectionId])

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
   * Delivers a queued message. It stays queued (and shown as "Sending…") while the connection is down, and is
   * sent again after the next join: the server answers a repeated `clientId` with the message it already has.
   */
  const deliver = useCallback(
    async (clientId: string): Promise<string | undefined> => {
      const queued = outbox.current.get(clientId)
      if (queued === undefined || client.getSnapshot().status !== 'connected') return undefined
      try {
        const message = await client.request('message:send', { ...queued, clientId }, { timeout: 10_000 })
        outbox.current.delete(clientId)
        dispatch({ type: 'sent', clientId, message })
        return undefined
      } catch (error) {
        if (VolleyError.is(error) && error.code === 'VALIDATION_FAILED') {
          outbox.current.delete(clientId)
          dispatch({ type: 'discard', clientId })
          return describeError(error)
        }
        if (
          VolleyError.is(error) &&
          (error.code === 'DISCONNECTED' || error.code === 'TIMEOUT') &&
          client.getSnapshot().status !== 'connected'
        ) {
          return undefined // still queued: resent after the rejoin
        }
        outbox.current.delete(clientId)
        dispatch({ type: 'failed', clientId, error: describeError(error) })
        return undefined
      }
    },
    [client],
  )
  deliverRef.current = deliver

  /** Sends a message; resolves to the validation error when the contract refuses it (nothing is listed then). */
  const send = useCallback(
    async (text: string): Promise<string | undefined> => {
      if (room === null) return 'Join a room first.'
      const clientId = crypto.randomUUID()
      if (client.getSnapshot().status !== 'connected') {
        // Offline: check with the same schema the request would use, then queue.
        const checked = await validate(chat.clientToServer['message:send'].payload, { room, text, clientId })
        if (!checked.ok) return checked.issues[0]?.message ?? 'Invalid message.'
      }
      outbox.current.set(clientId, { room, text })
      dispatch({
        type: 'sending',
        message: {
          id: clientId,
          clientId,
          seq: Number.MAX_SAFE_INTEGER,
          room,
          author: me,
          text: text.trim(),
          at: Date.now(),
          status: 'sending',
        },
      })
      return deliver(clientId)
    },
    [client, room, me, deliver],
  )

  const setTyping = useCallback(
    (typing: boolean) => {
      if (room !== null && client.getSnapshot().status === 'connected')
        client.emit('typing', { room, typing })
    },
    [client, room],
  )

  return { state, send, leave, setTyping }
}
