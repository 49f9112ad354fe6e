import { Fragment, useEffect, useRef } from 'react'
import type { Message, User } from '../shared/contract'
import { Avatar } from './Avatar'
import type { CatchUp, FailedSend } from './chatReducer'

/** A message as the list shows it: the server's (`sent`), or ours still in the outbox or refused. */
type ChatMessage = Message & { status: 'sending' | 'sent' | 'failed'; error?: string }

/** Where the server said some messages are gone. */
function LostDivider() {
  return (
    <div className="divider divider-warn" data-testid="catch-up-lost">
      <span>Some messages may be missing: the server no longer has everything from while you were away.</span>
    </div>
  )
}

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** Whether a message continues the previous one's group (same author, within five minutes). */
const continues = (previous: ChatMessage | undefined, message: ChatMessage) =>
  previous !== undefined && previous.author.id === message.author.id && message.at - previous.at < 5 * 60_000

interface MessageListProps {
  me: User
  /** The room's messages, as the subscription delivered them. */
  sent: Message[]
  /** Our messages still in the outbox. */
  sending: { room: string; text: string; clientId: string }[]
  failed: FailedSend[]
  catchUp: CatchUp | undefined
  /** The server said some messages are gone (history limit, or it restarted): after this message (`null`: before all). */
  lostAfter: string | null | undefined
  onRetry: (clientId: string, text: string) => void
}

/** The room's messages, grouped by author, with our own messages' delivery state and the "missed while away" divider. */
export function MessageList({ me, sent, sending, failed, catchUp, lostAfter, onRetry }: MessageListProps) {
  const delivered = new Set(sent.map((message) => message.clientId))
  const waiting = new Set(sending.map((pending) => pending.clientId))
  const now = Date.now()
  const messages: ChatMessage[] = [
    // "Sent" once the server answered: a published message whose ack is still on its way is sending.
    ...sent.map((message) => ({
      ...message,
      status:
        message.clientId !== undefined && waiting.has(message.clientId)
          ? ('sending' as const)
          : ('sent' as const),
    })),
    // The published message arrives just before its ack: the bubble it replaces goes at once.
    ...sending
      .filter((pending) => !delivered.has(pending.clientId))
      .map((pending) => ({
        ...pending,
        id: pending.clientId,
        author: me,
        at: now,
        status: 'sending' as const,
      })),
    ...failed.map((refused) => ({
      ...refused,
      id: refused.clientId,
      author: me,
      at: now,
      status: 'failed' as const,
    })),
  ]
  const end = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // Braces matter: scrollIntoView returns a promise in recent Chromium, and an effect must not return one.
    void end.current?.scrollIntoView({ block: 'end' })
  }, [messages.length, catchUp])

  const lastSentOfMine = messages.findLast(
    (message) => message.author.id === me.id && message.status === 'sent',
  )?.id
  return (
    <div className="messages" data-testid="messages" role="log" aria-live="polite">
      {messages.length === 0 && <p className="muted center">No messages yet. Say hello!</p>}
      {lostAfter === null && <LostDivider />}
      {messages.map((message, index) => {
        const previous = messages[index - 1]
        const missedHere = catchUp?.firstId === message.id
        const grouped = continues(previous, message) && !missedHere
        const mine = message.author.id === me.id
        return (
          <Fragment key={message.clientId ?? message.id}>
            {missedHere && (
              <div className="divider" data-testid="catch-up">
                <span>
                  {catchUp.count} new {catchUp.count === 1 ? 'message' : 'messages'} while you were offline
                </span>
              </div>
            )}
            <article
              className={`message${grouped ? ' grouped' : ''}${mine ? ' mine' : ''}`}
              data-status={message.status}
            >
              {grouped ? (
                <span className="gutter">{time(message.at)}</span>
              ) : (
                <Avatar name={message.author.name} />
              )}
              <div className="message-body">
                {!grouped && (
                  <header>
                    <strong>{message.author.name}</strong>
                    <time dateTime={new Date(message.at).toISOString()}>{time(message.at)}</time>
                  </header>
                )}
                <p className="text">{message.text}</p>
                {mine && (message.status !== 'sent' || message.id === lastSentOfMine) && (
                  <span className={`delivery delivery-${message.status}`} data-testid="delivery">
                    {message.status === 'sending' && 'Sending…'}
                    {message.status === 'sent' && 'Sent ✓'}
                    {message.status === 'failed' && (
                      <>
                        Not sent: {message.error}{' '}
                        <button className="link" onClick={() => onRetry(message.id, message.text)}>
                          Retry
                        </button>
                      </>
                    )}
                  </span>
                )}
              </div>
            </article>
            {lostAfter === message.id && <LostDivider />}
          </Fragment>
        )
      })}
      <div ref={end} />
    </div>
  )
}
