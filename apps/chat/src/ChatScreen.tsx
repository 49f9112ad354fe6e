import { useEffect, useState } from 'react'
import { ROOMS, type User } from '../shared/contract'
import { Composer } from './Composer'
import { ConnectionBanner } from './ConnectionBanner'
import { MessageList } from './MessageList'
import { OnlineCount } from './OnlineCount'
import { Sidebar } from './Sidebar'
import { useChat } from './useChat'
import { useConnectionStatus, useOnConnect, useRequest } from './volley'

/** The signed-in chat: rooms and who is online on the left, the room's messages and composer on the right. */
export function ChatScreen({
  me,
  onSignOut,
  onSessionExpired,
}: {
  me: User
  onSignOut: () => void
  onSessionExpired: () => void
}) {
  const [room, setRoom] = useState<string | null>(null)
  const connection = useConnectionStatus()
  const { state, online, typing, sending, send, retry, setTyping } = useChat(room, me)

  const roomList = useRequest('rooms:list')
  const serverInfo = useRequest('server:info')
  const { send: listRooms } = roomList
  const { send: askServer } = serverInfo
  // On every connection: after a failover the tab may be served by another worker.
  useOnConnect(() => {
    listRooms({})
    askServer({})
  })
  const rooms: readonly { id: string; name: string; topic: string }[] = roomList.data?.rooms ?? ROOMS

  useEffect(() => {
    if (connection.status === 'disconnected' && connection.lastError?.code === 'UNAUTHORIZED')
      onSessionExpired()
  }, [connection.status, connection.lastError, onSessionExpired])

  const select = (next: string | null) => setRoom(next)
  const current = rooms.find((r) => r.id === room)

  return (
    <div className="layout">
      <Sidebar
        me={me}
        rooms={rooms}
        current={room}
        online={room === null ? [] : online}
        worker={serverInfo.data}
        onSelect={select}
        onSignOut={onSignOut}
      />
      <main className="chat">
        <ConnectionBanner />
        {current === undefined ? (
          <section className="empty">
            <h1>Welcome, {me.name}</h1>
            <p className="muted">Pick a room to start chatting.</p>
            <div className="empty-rooms">
              {rooms.map((r) => (
                <button key={r.id} className="room-card" onClick={() => select(r.id)}>
                  <strong># {r.name}</strong>
                  <span className="muted">{r.topic}</span>
                  <OnlineCount room={r.id} pill />
                </button>
              ))}
            </div>
          </section>
        ) : (
          <>
            <header className="room-header">
              <div>
                <h1># {current.name}</h1>
                <p className="muted">{current.topic}</p>
              </div>
              <button className="ghost" onClick={() => select(null)}>
                Leave room
              </button>
            </header>
            <MessageList
              me={me}
              sent={state.messages[current.id] ?? []}
              sending={sending}
              failed={state.failed.filter((failed) => failed.room === current.id)}
              catchUp={state.catchUp?.room === current.id ? state.catchUp : undefined}
              lostAfter={state.lost[current.id]}
              onRetry={retry}
            />
            <div className="typing" aria-live="polite" data-testid="typing">
              {typing.length === 1 && `${typing[0]!.name} is typing…`}
              {typing.length === 2 && `${typing[0]!.name} and ${typing[1]!.name} are typing…`}
              {typing.length > 2 && 'Several people are typing…'}
            </div>
            <Composer key={current.id} room={current.name} onSend={send} onTyping={setTyping} />
          </>
        )}
      </main>
    </div>
  )
}
