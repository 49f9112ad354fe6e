// One exchange between a real Volley server on a free port and a real client, through whichever module
// format loaded `volley`: a valid request and its ack, the broadcast it causes, a payload the client
// refuses before sending, and one the server refuses (sent raw, past the client's check).
'use strict'
const http = require('node:http')

exports.exchange = async function exchange(volley, events) {
  const { defineContract, createServer, createClient, VolleyError } = volley
  const chat = defineContract(events)
  const httpServer = http.createServer()
  const io = createServer(chat, { logger: false })
  io.attach(httpServer)
  io.on('connection', (socket) => {
    socket.on('message:send', ({ room, text }) => {
      const message = { id: `m${text.length}`, room, text, at: 1 }
      io.emit('message:new', message)
      return { id: message.id, at: message.at }
    })
  })
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  const client = createClient(chat, `http://127.0.0.1:${httpServer.address().port}`, {
    transports: ['websocket'],
    logger: false,
  })
  try {
    const received = new Promise((resolve) => client.on('message:new', resolve))
    const ack = await client.request('message:send', { room: 'lobby', text: 'hi' })
    const broadcast = await received
    const local = await client.request('message:send', { room: 'lobby', text: '' }).catch((error) => error)
    const remote = await new Promise((resolve) =>
      client.raw
        .timeout(5000)
        .emit('message:send', { room: 1, text: 'x' }, (error, envelope) => resolve(error ?? envelope)),
    )
    return {
      ack,
      broadcast,
      local: { instanceOf: local instanceof VolleyError, code: local.code },
      remote: { ok: remote.ok, code: remote.error && remote.error.code },
    }
  } finally {
    client.disconnect()
    await io.close()
  }
}
