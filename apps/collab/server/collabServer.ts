import type { VolleyServer } from '@volley/core/server'
import * as Y from 'yjs'
import type { collab, Peer } from '../src/contract'

interface Room {
  readonly doc: Y.Doc
  readonly peers: Map<string, Peer>
}

/**
 * Wires the collaboration handlers: the server keeps one Y.Doc per document (so late joiners get
 * everything), relays updates to the others in the room, and broadcasts presence.
 */
export function attachCollab(io: VolleyServer<typeof collab>): { rooms: Map<string, Room> } {
  const rooms = new Map<string, Room>()
  const room = (name: string): Room => {
    let found = rooms.get(name)
    if (found === undefined) {
      found = { doc: new Y.Doc(), peers: new Map() }
      rooms.set(name, found)
    }
    return found
  }
  const broadcastPresence = (name: string): void => {
    io.to(name).emit('presence:state', { doc: name, peers: [...room(name).peers.values()] })
  }

  io.on('connection', (socket) => {
    let joined: string | undefined

    socket.on('doc:join', async ({ doc, name, color, stateVector }) => {
      if (joined !== undefined && joined !== doc) {
        room(joined).peers.delete(socket.id)
        await socket.leave(joined)
        broadcastPresence(joined)
      }
      joined = doc
      const current = room(doc)
      await socket.join(doc)
      const previous = current.peers.get(socket.id)
      current.peers.set(socket.id, {
        id: socket.id,
        name,
        color,
        anchor: previous?.anchor ?? null,
        head: previous?.head ?? null,
      })
      broadcastPresence(doc)
      return {
        update: Y.encodeStateAsUpdate(current.doc, stateVector),
        stateVector: Y.encodeStateVector(current.doc),
      }
    })

    socket.on('doc:update', ({ doc, update }) => {
      if (doc !== joined) return
      Y.applyUpdate(room(doc).doc, update, socket.id)
      socket.to(doc).emit('doc:update', { doc, update })
    })

    socket.on('presence:update', ({ doc, anchor, head }) => {
      const me = doc === joined ? room(doc).peers.get(socket.id) : undefined
      if (me === undefined) return
      room(doc).peers.set(socket.id, { ...me, anchor, head })
      broadcastPresence(doc)
    })

    socket.on('disconnect', () => {
      if (joined === undefined) return
      room(joined).peers.delete(socket.id)
      broadcastPresence(joined)
    })
  })
  return { rooms }
}
