import { usePresence } from './volley'

/**
 * How many people are in a room, live, from its presence (watched, not joined: the room's members are not
 * told about it). Mounted once per room in the list; it shares the topic with the open room's presence.
 */
export function OnlineCount({ room, pill = false }: { room: string; pill?: boolean }) {
  const { members } = usePresence('room', { room })
  if (pill) return <span className="pill">{members.length} online</span>
  return members.length > 0 ? <span className="count">{members.length}</span> : null
}
