import type { RoomSummary, User } from '../shared/contract'
import { Avatar } from './Avatar'

interface SidebarProps {
  me: User
  rooms: RoomSummary[]
  current: string | null
  online: User[]
  onSelect: (room: string) => void
  onSignOut: () => void
}

/** Rooms (with how many are in each), who is online in the current room, and the signed-in user. */
export function Sidebar({ me, rooms, current, online, onSelect, onSignOut }: SidebarProps) {
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
                {room.online > 0 && <span className="count">{room.online}</span>}
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
          <span className="muted">Signed in</span>
        </div>
        <button className="ghost small" onClick={onSignOut}>
          Sign out
        </button>
      </footer>
    </aside>
  )
}
