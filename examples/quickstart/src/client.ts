// client.ts
import { VolleyError } from '@volley/core'
import { createClient } from '@volley/core/client'
import { chat } from './contract'

const client = createClient(chat, process.env.URL ?? 'http://localhost:3000')
const off = client.on('message:new', (m) => console.log(`message:new "${m.text}"`))
client.emit('typing', { room: 'lobby' })
const { id } = await client.request('message:send', { room: 'lobby', text: 'hi' }) // rejects with VolleyError
console.log(`ack: ${id}`)

try {
  await client.request('message:send', { room: 'lobby', text: '' }) // refused before it is sent
} catch (error) {
  if (error instanceof VolleyError) console.log(`${error.code}: ${error.message}`)
}
off()
client.disconnect()
