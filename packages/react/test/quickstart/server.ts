import { createServer } from '@volley/core/server'
import { chat } from './contract'

export const io = createServer(chat, { cors: { origin: ['http://localhost:5173'] } })

io.on('connection', (socket) => {
  socket.on('message:send', ({ room, text }) => {
    const message = { id: crypto.randomUUID(), room, text, at: Date.now() }
    io.emit('message:new', message)
    return { id: message.id, at: message.at }
  })
})
