// server.ts
import { createServer } from '@volley/core/server'
import { chat } from './contract'

export function startServer(port: number) {
  const io = createServer(chat, { cors: { origin: ['http://localhost:5173'] } })
  io.on('connection', (socket) => {
    void socket.join('lobby')
    socket.on('message:send', async ({ room, text }) => {
      // validated before the handler runs
      const msg = { id: crypto.randomUUID(), room, text, at: Date.now() }
      io.to(room).emit('message:new', msg) // typed
      return { id: msg.id, at: msg.at } // the return value is the ack
    })
    socket.on('typing', ({ room }) =>
      socket.to(room).emit('message:new', { id: '-', room, text: '…', at: Date.now() }),
    )
  })
  return io.listen(port)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3000)
  startServer(port)
  console.log(`Volley quick start server on http://localhost:${port}`)
}
