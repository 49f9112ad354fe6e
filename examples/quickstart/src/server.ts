// server.ts
import { createServer } from '@volley/core/server'
import { chat } from './contract'

const io = createServer(chat, { cors: { origin: ['http://localhost:5173'] } })
io.on('connection', (socket) => {
  void socket.join('lobby')
  socket.on('message:send', async ({ room, text }) => {
    // validated before the handler runs
    const msg = { id: crypto.randomUUID(), room, text, at: Date.now() }
    io.to(room).emit('message:new', msg) // typed
    return { id: msg.id, at: msg.at } // the return value is the ack
  })
  socket.on('typing', ({ room }) => console.log(`someone is typing in ${room}`))
})
const port = Number(process.env.PORT ?? 3000)
io.listen(port) // or io.attach(httpServer)
console.log(`Volley listening on http://localhost:${port}`)
