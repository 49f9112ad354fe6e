import type { RoomSummary, User } from '../shared/contract'
import { Avatar } from './Avatar'
import { OnlineCount } from './OnlineCount'

interface SidebarProps {
  me: User
  rooms: readonly RoomSummary[]
  current: string | null
  online: User[]
  /** The server process this tab is connected to, when the chat runs on several. */
  worker: { worker: number | null; pid: number } | undefined
  onSelect: (room: string) => void
  onSignOut: () => void
}

/** Rooms (with how many are in each), who is online in the current room, and the signed-in user. */
export function Sidebar({ me, rooms, current, online, worker, onSelect, onSignOut }: SidebarProps) {
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          V
        </span>
        Volley Chat
      </div>
      <nav aria-label="Rooms">
        <h2>Rooms</h2>
        <ul className="rooms">
          {rooms.map((room) => (
            <li key={room.id}>
              <button
                className={room.id === current ? 'room active' : 'room'}
                aria-current={room.id === current}
                onClick={() => onSelect(room.id)}
              >
                <span className="hash">#</span>
                <span className="room-name">{room.name}</span>
                <OnlineCount room={room.id} />
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {current !== null && (
        <section aria-label="Online" data-testid="online">
          <h2>
            Online in #{current} — {online.length}
          </h2>
          <ul className="people">
            {online.map((user) => (
              <li key={user.id}>
                <span className="presence-dot" aria-hidden />
                <Avatar name={user.name} size={24} />
                <span>
                  {user.name}
                  {user.id === me.id && <span className="muted"> (you)</span>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <footer className="me">
        <Avatar name={me.name} size={32} />
        <div className="me-name">
          <strong>{me.name}</strong>
          <span
            className="muted"
            data-testid="worker"
            data-worker={worker?.worker ?? ''}
            data-pid={worker?.pid ?? ''}
          >
            {worker?.worker == null ? 'Signed in' : `Signed in · worker ${worker.worker} (pid ${worker.pid})`}
          </span>
        </div>
        <button className="ghost small" onClick={onSignOut}>
          Sign out
        </button>
      </footer>
    </aside>
  )
}
